// Imported by the post step, which loads nothing but Node itself: keep this module free of imports.

/** Signals a process group (buildx and its docker client); false once it is gone. Signal 0 only asks. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
