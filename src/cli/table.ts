/**
 * Plain-text tables for the command line: left-aligned columns padded to their widest cell,
 * two spaces apart, a header row first. Pure, so commands and tests share one layout.
 */

/** Lays out `rows` under `headers`; returns the lines (no trailing spaces). */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}
