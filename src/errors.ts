/**
 * The few error classes that travel up to the CLI shell, which alone maps them to
 * exit codes (2 for all three). Bad *input* is reported as data (InputError), not thrown.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A configuration problem; `file` and `line` point at it when known. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file !== undefined ? `${file}${line !== undefined ? `:${line}` : ''}: ${message}` : message);
  }
}

/** Input that could not be used at all (nothing to scan, or `--strict` with errors). */
export class InputError extends Error {
  override readonly name = 'InputError';
}
