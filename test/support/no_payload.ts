/**
 * What must never leave the hub towards operators or logs: a payload's values. Collects the
 * string and number leaves of a payload that could be recognised in a text (five characters
 * or more, so that no common word or small number counts), and BSNs.
 */

/** The recognisable leaf values of `payload`, as strings. */
export function payloadStrings(payload: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (text.length >= 5 && !/^\d{4}-\d{2}-\d{2}/.test(text)) found.add(text);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(payload);
  return [...found];
}
