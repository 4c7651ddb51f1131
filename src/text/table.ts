/**
 * Plain-text tables for the command line: left-aligned columns padded to their widest cell,
 * two spaces apart, a header row first. Pure, so commands and tests share one layout.
 */

/** Lays out `rows` under `headers`; returns the lines (no trailing spaces). */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: {
    /** Columns (by index) aligned to the right, e.g. amounts. */
    readonly right?: readonly number[];
    /** A line of dashes under the header. */
    readonly rule?: boolean;
  } = {},
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const right = new Set(options.right ?? []);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = options.rule === true ? [widths.map((width) => '-'.repeat(width)).join('  ')] : [];
  return [line(headers), ...rule, ...rows.map(line)];
}
