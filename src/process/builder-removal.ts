// Imported by the post step, which loads nothing but Node itself: keep this module free of imports.

/** `docker buildx rm` for a builder this step created; `keepState` keeps its BuildKit state volume. */
export function removeBuilderArgs(name: string, keepState: boolean): string[] {
  return ['buildx', 'rm', ...(keepState ? ['--keep-state'] : []), name];
}

/** Whether the builder is gone after `buildx rm`: it was removed, or something removed it first. */
export function builderGone(exitCode: number | null, stderr: string): boolean {
  return exitCode === 0 || /not found|no builder/i.test(stderr);
}
