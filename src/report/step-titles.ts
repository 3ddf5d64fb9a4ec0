// BuildKit titles a step with its instruction expanded: `RUN echo $TOKEN` shows as
// `[2/3] RUN echo <the value>`. The summary shows titles (slowest steps, timeline, the failing
// step), and must never show a build argument's value: each value becomes `$NAME` again.
import type { BuildStep } from '../build/log.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `title` with every build-argument value replaced by `$NAME`, in one pass (longest value first,
 * so a value holding another goes whole, and a replacement is never searched again). A value
 * that is also ordinary text (`1`) is replaced there as well: a title may read oddly, never leak.
 */
export function titleWithoutArgValues(title: string, buildArgs: Readonly<Record<string, string>>): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(buildArgs)) if (value !== '' && !byValue.has(value)) byValue.set(value, name);
  if (byValue.size === 0) return title;
  const pattern = new RegExp(
    [...byValue.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
    'g',
  );
  return title.replace(pattern, (value) => `$${byValue.get(value) ?? ''}`);
}

/** The steps with their titles so treated (their output is the program's, shown elsewhere). */
export function stepsWithoutArgValues(steps: readonly BuildStep[], buildArgs: Readonly<Record<string, string>>): BuildStep[] {
  return steps.map((s) => ({
    ...s,
    name: titleWithoutArgValues(s.name, buildArgs),
    ...(s.instruction === undefined ? {} : { instruction: titleWithoutArgValues(s.instruction, buildArgs) }),
  }));
}
