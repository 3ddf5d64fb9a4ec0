import { InputError } from './errors.js';
import { parseList } from './lists.js';
import { checkPlatform, normalizePlatform } from './platforms.js';
import type { FanOut, Inputs } from './types.js';

const ACCEPTED =
  'use auto (the platforms of `platforms` this runner runs natively), merge (assemble the index from the legs without building), or platforms of `platforms`, e.g. linux/arm64';

/**
 * Reads `fan-out`, adding every mistake to `errors`. Every leg gets the full `platforms` set (that
 * is how a leg knows when the image is complete), pushes by digest to the repositories of `tags`,
 * and only the assembled index is tagged: so it needs `tags` and `platforms` and makes its own
 * output. With `push: false` a leg only builds its platforms (a validation build).
 */
export function readFanOut(raw: string, inputs: Pick<Inputs, 'platforms' | 'push' | 'tags' | 'outputs' | 'load'>, errors: InputError[]): FanOut {
  const value = raw.trim();
  if (value === '') return { mode: 'off' };
  const before = errors.length;
  let fanOut: FanOut;
  if (value === 'auto' || value === 'merge') {
    fanOut = { mode: value };
  } else {
    const known = new Set(inputs.platforms.map(normalizePlatform));
    const platforms = parseList(value);
    for (const platform of platforms) {
      const problem = checkPlatform(platform);
      if (problem !== undefined) errors.push(new InputError('fan-out', platform, `${problem}; or ${ACCEPTED}`));
      else if (!known.has(normalizePlatform(platform))) {
        errors.push(
          new InputError(
            'fan-out',
            platform,
            `it is not one of \`platforms\` (${inputs.platforms.join(',') || 'none given'}); every leg lists the whole set in \`platforms\` and builds a part of it`,
          ),
        );
      }
    }
    if (platforms.length === 0) errors.push(new InputError('fan-out', value, ACCEPTED));
    fanOut = { mode: 'list', platforms: [...new Set(platforms.map(normalizePlatform))] };
  }
  if (inputs.platforms.length === 0)
    errors.push(new InputError('fan-out', value, 'fan-out needs `platforms`: the whole set of platforms the image will hold, the same in every leg'));
  // push: false (a pull request's run of the same matrix) makes each leg a validation build:
  // nothing pushed, so neither tags nor records are needed.
  if (inputs.push && inputs.tags.length === 0)
    errors.push(new InputError('fan-out', value, "fan-out needs `tags`: their repositories receive the legs' platforms and the assembled index"));
  if (inputs.push && inputs.tags.some((t) => t.includes('@')))
    errors.push(new InputError('fan-out', value, 'fan-out tags the assembled index: give tags (repo:tag), not digests'));
  if (inputs.outputs.length > 0)
    errors.push(new InputError('fan-out', value, 'fan-out makes its own output (push by digest to the repositories of `tags`): leave `outputs` empty'));
  if (inputs.load) errors.push(new InputError('fan-out', value, 'a fan-out leg builds only part of the image: it cannot `load`'));
  return errors.length === before ? fanOut : { mode: 'off' };
}
