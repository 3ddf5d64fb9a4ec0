import { InputError } from './errors.js';
import type { Env } from './types.js';

/** A value given to the step as a secret, named the way a message may name it. */
export interface KnownSecret {
  /** e.g. `secret "npm" (input secrets)`, `the password for ghcr.io`; never the value. */
  label: string;
  value: string;
}

// Values this short collide with ordinary build-args (`DEBUG=1`, `MODE=prod`) far more often
// than they are credentials; they are not compared.
const SHORTEST = 4;
const CREDENTIAL_NAME = /TOKEN|PASSWORD|PASSWD|SECRET|_KEY$/i;

/**
 * Build-args are stored in the image's history (`docker history`, the config blob) for anyone
 * who pulls it. One whose value is a secret given to this same step is a leak in the making: an
 * input error, naming both without the value. One whose name looks like a credential gets a
 * warning pointing at `secrets`.
 */
export function checkBuildArgLeaks(buildArgs: string[], secrets: KnownSecret[], env: Env, errors: InputError[], warnings: string[]): void {
  const known = secrets.map((s) => ({ label: s.label, value: s.value.trim() })).filter((s) => s.value.length >= SHORTEST);
  for (const item of buildArgs) {
    const at = item.indexOf('=');
    const name = (at < 0 ? item : item.slice(0, at)).trim();
    // A bare NAME passes the step's environment variable of that name.
    const value = (at < 0 ? (env[name] ?? '') : item.slice(at + 1)).trim();
    const same = known.find((s) => s.value === value);
    if (same) {
      errors.push(
        new InputError(
          'build-args',
          `${name}=***`,
          `its value is the value of ${same.label}, and a build-arg is kept in the image's history for anyone who pulls the image: ` +
            `pass it with \`secrets\` (e.g. ${name}=\${{ secrets.… }}) and read it in a RUN --mount=type=secret,id=${name}`,
        ),
      );
    } else if (CREDENTIAL_NAME.test(name)) {
      warnings.push(
        `Build-arg "${name}" looks like a credential: build-args are kept in the image's history (docker history shows them). ` +
          `If it is one, pass it with \`secrets\` (${name}=…) and read it in a RUN --mount=type=secret,id=${name} instead.`,
      );
    }
  }
}
