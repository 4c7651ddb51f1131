/**
 * Amounts as people type them and as the standard carries them: euro text in the Dutch way
 * (`1.234,56`; also `1234.56` and `€ 12`) to whole cents, and back.
 */
const AMOUNT_TEXT = /^(?:€\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;
const DOT_DECIMAL = /^(?:€\s*)?(\d+)\.(\d{1,2})$/;

/** `1.234,56`, `1234,5`, `1234.56` or `€ 12` as cents; undefined when it is not an amount. */
export function centsOf(text: string): number | undefined {
  const trimmed = text.trim();
  const dot = DOT_DECIMAL.exec(trimmed);
  const match = dot ?? AMOUNT_TEXT.exec(trimmed);
  if (match === null) return undefined;
  const euros = Number((match[1] ?? '').replace(/\./g, ''));
  const cents = Number(((match[2] ?? '') + '00').slice(0, 2));
  return euros * 100 + cents;
}

/** Cents as the field shows them: `1234,56`. */
export function euroText(value: unknown): string {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return typeof value === 'string' ? value : '';
  }
  return `${Math.trunc(value / 100)},${String(Math.abs(value) % 100).padStart(2, '0')}`;
}
