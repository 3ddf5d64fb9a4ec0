// The buildx command line the build runs, as one JSON debug line beside the set-up's decisions
// (`Kiln set-up: {...}`): tests read facts from it (which flags, which values) instead of
// scanning the whole log for wording. Printed after the plan's masks are registered; secrets are
// never on the command line in the first place (they go in files and the environment).

export const BUILDX_ARGS_PREFIX = 'Kiln buildx: ';

/** The debug line for one build's arguments (without `docker`: the runner may be a standalone buildx). */
export function buildxArgsLine(args: readonly string[]): string {
  return `${BUILDX_ARGS_PREFIX}${JSON.stringify({ args })}`;
}
