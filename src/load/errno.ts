/** One-line messages for file-system errors, as input errors show them. */
export function errnoMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return err.message ?? String(e);
  }
}
