/**
 * A mistake in the step's `with:` block. Raised before anything runs, its message names the
 * input, the value given and what would be accepted, so the user can fix it without reading code.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`Input "${input}" has ${JSON.stringify(value)}: ${accepted}`);
    this.name = 'InputError';
  }
}

/** A mistake in an environment variable Kiln reads, reported with the input errors. */
export class EnvError extends InputError {
  constructor(variable: string, value: string, accepted: string) {
    super(variable, value, accepted);
    this.message = `Environment variable ${variable} has ${JSON.stringify(value)}: ${accepted}`;
  }
}

/** The annotation's title: an environment variable is not an input, and is not called one. */
export function errorTitle(error: InputError): string {
  return error instanceof EnvError ? `Invalid environment variable: ${error.input}` : `Invalid input: ${error.input}`;
}

/** Several input errors at once: fixing one and re-running to find the next wastes a CI run. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'InputErrors';
  }
}
