/**
 * Upstream's message vocabulary (pod-security-admission policy/helpers.go), so our
 * reasons and details read exactly like the API server's.
 */

/** `"a", "b"` — upstream `joinQuote` (no escaping, as upstream). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Upstream `pluralize`. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/**
 * Go's `%q` for the strings PSA quotes (annotation values). JSON escaping matches Go for
 * quotes, backslashes and \n \r \t; other control characters Go writes as `\xNN`.
 */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([01][0-9a-f])/g, '\\x$1');
}

/**
 * Sorted, de-duplicated copy — upstream collects these values in a `sets.String` and
 * prints `List()`, which sorts by byte order (so hostPorts sort as text: "10000" < "8080").
 */
export function sortedSet(values: readonly string[]): string[] {
  const out = [...new Set(values)];
  out.sort(byteOrder);
  return out;
}

/** Go string comparison (byte order); for the ASCII of field values equal to UTF-16 order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
