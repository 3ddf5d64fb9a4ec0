// The summary's "Why did the cache miss?" lines, one per platform, from plan/cache-miss.ts's data.
import type { MissCause, PlatformMiss, StepRef } from '../plan/cache-miss.js';

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const stepName = (s: StepRef) => `${code(`[${s.stage ? `${s.stage} ` : ''}${s.n}] ${s.text}`)} (Dockerfile line ${s.line})`;
const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

function because(cause: MissCause): string {
  switch (cause.kind) {
    case 'instruction':
      return cause.old === undefined ? 'the step is new' : `the instruction changed: ${code(cause.old)} → ${code(cause.new)}`;
    case 'build-arg':
      return `build argument${cause.names.length > 1 ? 's' : ''} ${cause.names.map(code).join(', ')} changed`;
    case 'files':
      return `context files changed: ${cause.paths.map(code).join(', ')}${cause.more > 0 ? ` and ${cause.more} more` : ''}`;
    case 'base-image':
      return `the base image resolved to another digest: ${code(short(cause.old))} → ${code(short(cause.new))}`;
    case 'nothing-to-compare':
      return cause.why === 'no-fingerprint'
        ? `nothing to compare with: no earlier build's fingerprint in ${cause.scopes.length > 0 ? cause.scopes.map(code).join(', ') : 'any scope (none is read)'}`
        : `nothing to compare with: ${cause.scopes.map(code).join(', ')} was written by a build of another ${cause.why === 'other-dockerfile' ? 'Dockerfile' : 'target'}`;
    case 'not-in-cache':
      return 'nothing Kiln tracks changed: the cache did not hold this step (evicted, written with mode=min, or not written yet)';
  }
}

/** Markdown: a heading and one line per platform; '' when there is nothing to say. */
export function renderCacheMisses(misses: readonly PlatformMiss[]): string {
  if (misses.length === 0) return '';
  const lines = misses.map(({ platform, firstMiss: m }) => {
    const on = platform ? `**${platform}**: ` : '';
    if (!m) return `- ${on}every step came from the cache`;
    const at = m.at ? ` (at ${stepName(m.at)})` : '';
    const compared = m.comparedWith ? `, compared with the build that wrote ${code(m.comparedWith)}` : '';
    return `- ${on}${stepName(m.step)} ran: ${because(m.cause)}${at}${compared}`;
  });
  return `### Why did the cache miss?\n\n${lines.join('\n')}\n`;
}
