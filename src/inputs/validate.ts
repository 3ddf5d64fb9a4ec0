import type { InputName } from '../names.js';
import { InputError } from './errors.js';
import type { InputSource } from './types.js';
import type { Inputs } from './types.js';
import type { BuildxOption } from './buildx-option.js';
import { checkAddHost, checkEntitlement, checkKeyOptional, checkNetwork, checkSsh, checkUlimit, emptyListItems } from './validate-buildx-options.js';
import { checkCacheEntry } from './validate-cache-entries.js';
import { checkAttest, checkAttestInput, checkOutput } from './validate-exports.js';
import { checkImageRef } from './validate-refs.js';
import { checkTarget } from './validate-target.js';

type Check = (item: string) => string | undefined;
const raw = (option: BuildxOption): string => option.raw;

/**
 * Every value buildx would refuse, found before anything runs: one row per input, each item
 * checked against the grammar buildx itself applies (see the validate-* modules).
 */
export function checkBuildxValues(inputs: Inputs, source: InputSource): { errors: InputError[]; warnings: string[] } {
  const warnings: string[] = [];
  const cache =
    (direction: 'from' | 'to'): Check =>
    (entry) => {
      const { problem, warning } = checkCacheEntry(entry, direction);
      if (warning) warnings.push(warning);
      return problem;
    };
  const rules: [InputName, string[], Check][] = [
    ['tags', inputs.tags, checkImageRef],
    ['build-args', inputs.buildArgs, checkKeyOptional],
    ['labels', inputs.labels.map((l) => l.raw), checkKeyOptional],
    [
      'platforms',
      emptyListItems(source.get('platforms')),
      () => 'an item between commas is empty (an expression that expanded to nothing?); use platforms such as linux/amd64,linux/arm64, without empty items',
    ],
    ['cache-from', inputs.cacheFrom.map(raw), cache('from')],
    ['cache-to', inputs.cacheTo.map(raw), cache('to')],
    ['outputs', inputs.outputs.map(raw), checkOutput],
    ['attests', inputs.attests.map(raw), checkAttest],
    ['provenance', [source.get('provenance').trim()], (v) => checkAttestInput('provenance', v)],
    ['sbom', [source.get('sbom').trim()], (v) => checkAttestInput('sbom', v)],
    ['ulimit', inputs.ulimit, checkUlimit],
    ['add-hosts', inputs.addHosts, checkAddHost],
    ['allow', inputs.allow, checkEntitlement],
    ['network', [inputs.network], checkNetwork],
    ['ssh', inputs.ssh, (item) => checkSsh(item, source.env, (p) => source.fileExists(p))],
    ['target', [inputs.target], (target) => checkTarget(target, source.dockerfile)],
  ];
  const errors: InputError[] = [];
  for (const [input, items, check] of rules) {
    for (const item of items) {
      const problem = check(item);
      if (problem !== undefined) errors.push(new InputError(input, item, problem));
    }
  }
  return { errors, warnings };
}
