/** A problem with the input, reported as data: file, 1-based line and column when known, and a one-line message. */
export interface InputError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** `file:line:col: message`, the form editors and CI logs link. */
export function formatInputError(e: InputError): string {
  const where =
    e.line !== undefined ? `${e.file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : e.file;
  return `${where}: ${e.message}`;
}
