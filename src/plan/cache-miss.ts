// Why the cache missed: per platform, the first Dockerfile step that did not come from the cache
// (the build log says which) and what changed since the build that wrote the cache this build
// read (its fingerprint against this build's). Pure: plain data in, plain data out; the summary
// words it (report/cache-miss-summary.ts).
import type { BuildStep } from './build-step.js';
import type { Fingerprint, FingerprintStep } from './fingerprint.js';

/** A step as the summary names it: never BuildKit's title, which shows argument values expanded. */
export interface StepRef {
  stage: string;
  n: number;
  /** The Dockerfile line (1-based). */
  line: number;
  /** The instruction as written, shortened. */
  text: string;
}

export type MissCause =
  | { kind: 'instruction'; old?: string; new: string }
  | { kind: 'build-arg'; names: string[] }
  | { kind: 'files'; paths: string[]; more: number }
  | { kind: 'base-image'; old: string; new: string }
  /** No fingerprint in the scopes read, or one of another Dockerfile or target. */
  | { kind: 'nothing-to-compare'; why: 'no-fingerprint' | 'other-dockerfile' | 'other-target'; scopes: string[] }
  /** Nothing Kiln fingerprints changed: the cache did not hold the step (evicted, mode=min, never written). */
  | { kind: 'not-in-cache' };

export interface FirstMiss {
  step: StepRef;
  cause: MissCause;
  /** The step the change is at, when an earlier one (another stage this one builds on). */
  at?: StepRef;
  /** The scope whose fingerprint this build was compared with. */
  comparedWith?: string;
}

export interface PlatformMiss {
  platform: string;
  /** Absent: every step came from the cache. */
  firstMiss?: FirstMiss;
}

/** The fingerprint found beside the cache this build read, and where it looked. */
export interface PreviousBuild {
  fingerprint?: Fingerprint;
  /** The scope it was found in. */
  scope?: string;
  /** The scopes read, in order. */
  scopes: string[];
}

const MAX_TEXT = 80;
const MAX_PATHS = 10;

export function shorten(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const ref = (s: FingerprintStep): StepRef => ({ stage: s.stage, n: s.n, line: s.line, text: shorten(s.text) });
const counter = (name: string) => /^\[[^\]]*?(\d+)\/\d+\]/.exec(name)?.[1];

/**
 * Per platform the log built: the first step (in Dockerfile order) that ran instead of coming
 * from the cache, and why. FROM steps are left out: a fresh runner pulls its base even when
 * every later step is cached. `platform`: the one a log without platforms built.
 */
export function firstMisses(current: Fingerprint, previous: PreviousBuild, log: readonly BuildStep[], platform: string): PlatformMiss[] {
  const index = new Map(current.steps.map((s, i) => [`${s.stage}\0${s.n}`, i]));
  const missed = new Map<string, number>();
  for (const step of log) {
    const on = step.platform ?? platform;
    if (step.instruction === undefined) continue;
    if (!missed.has(on)) missed.set(on, Infinity);
    const n = counter(step.name);
    if (step.cached || step.instruction.startsWith('FROM ') || n === undefined) continue;
    const i = index.get(`${step.stage ?? ''}\0${n}`);
    if (i !== undefined) missed.set(on, Math.min(missed.get(on) ?? Infinity, i));
  }
  return [...missed].map(([on, i]) => {
    const step = current.steps[i];
    if (step === undefined) return { platform: on };
    const { cause, at } = causeOf(current, previous, step, on);
    const firstMiss: FirstMiss = { step: ref(step), cause };
    if (at) firstMiss.at = ref(at);
    if (previous.scope !== undefined && previous.fingerprint) firstMiss.comparedWith = previous.scope;
    return { platform: on, firstMiss };
  });
}

function causeOf(current: Fingerprint, previous: PreviousBuild, missed: FingerprintStep, platform: string): { cause: MissCause; at?: FingerprintStep } {
  const old = previous.fingerprint;
  if (!old) return { cause: { kind: 'nothing-to-compare', why: 'no-fingerprint', scopes: previous.scopes } };
  const other = old.dockerfile !== current.dockerfile ? 'other-dockerfile' : old.target !== current.target ? 'other-target' : undefined;
  if (other) return { cause: { kind: 'nothing-to-compare', why: other, scopes: previous.scope === undefined ? previous.scopes : [previous.scope] } };
  const stages = upstream(current.needs, missed.stage);
  const candidates = current.steps.filter((s) => (s.stage === missed.stage ? s.n <= missed.n : stages.has(s.stage)));
  const before = new Map(old.steps.map((s) => [`${s.stage}\0${s.n}`, s]));
  for (const step of candidates) {
    const cause = changed(step, before.get(`${step.stage}\0${step.n}`), old.bases[platform]?.[step.stage], current.bases[platform]?.[step.stage]);
    if (cause) return step === missed ? { cause } : { cause, at: step };
  }
  return { cause: { kind: 'not-in-cache' } };
}

/** The stages `stage` builds on or copies from, transitively (itself excluded). */
function upstream(needs: Record<string, string[]>, stage: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(needs[stage] ?? [])];
  for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
    if (seen.has(s) || s === stage) continue;
    seen.add(s);
    todo.push(...(needs[s] ?? []));
  }
  return seen;
}

function changed(now: FingerprintStep, then: FingerprintStep | undefined, oldBase: string | undefined, newBase: string | undefined): MissCause | undefined {
  if (then?.text !== now.text)
    return then ? { kind: 'instruction', old: shorten(then.text), new: shorten(now.text) } : { kind: 'instruction', new: shorten(now.text) };
  if (now.text.startsWith('FROM ') && oldBase !== undefined && newBase !== undefined && oldBase !== newBase) {
    return { kind: 'base-image', old: oldBase, new: newBase };
  }
  const names = differing(then.args, now.args);
  if (names.length > 0) return { kind: 'build-arg', names };
  const paths = differing(then.files, now.files);
  if (paths.length > 0) return { kind: 'files', paths: paths.slice(0, MAX_PATHS), more: Math.max(0, paths.length - MAX_PATHS) };
  return undefined;
}

/** Keys added, removed or with another value, sorted. */
function differing(a: Record<string, string> = {}, b: Record<string, string> = {}): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}
