/**
 * The one JSON reader for every byte that enters Knooppunt (REST bodies, AMQP bodies, JWS
 * headers and claims, the CLI's files, the SDK's answers): I-JSON (RFC 7493), which RFC 8785
 * canonicalisation requires of its input, with limits checked before anything is built.
 *
 * - the bytes are valid UTF-8 (`JSON_INVALID_UTF8`);
 * - no more than `maxBytes` (`BODY_TOO_LARGE`) and no deeper than `maxDepth` arrays and objects
 *   (`JSON_TOO_DEEP`), checked by one linear scan before parsing;
 * - no object has a member name twice, compared after unescaping (`JSON_DUPLICATE_NAME`);
 * - no string or name holds a lone surrogate, escaped or not (`JSON_LONE_SURROGATE`);
 * - every number is finite: `1e400` would become Infinity (`JSON_NUMBER_INVALID`);
 * - and it is JSON at all (`malformed`, the caller's code: `MALFORMED_MESSAGE` for a message).
 *
 * The parse itself is the engine's `JSON.parse` (fast, native); the scan and the walk after it
 * are linear in the input.
 */
import { EnvelopeError, KnooppuntError, TransportError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

/** How strict a read is. */
export interface StrictJsonLimits {
  /** Largest input in bytes. @defaultValue 10 MiB */
  readonly maxBytes?: number;
  /** Deepest nesting of arrays and objects. @defaultValue 64 */
  readonly maxDepth?: number;
  /** The code of input that is not JSON. @defaultValue `MALFORMED_MESSAGE` */
  readonly malformed?: ErrorCode;
}

export const STRICT_JSON_DEFAULTS = Object.freeze({ maxBytes: 10 * 1024 * 1024, maxDepth: 64 });

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type JsonCode =
  | 'JSON_INVALID_UTF8'
  | 'JSON_DUPLICATE_NAME'
  | 'JSON_LONE_SURROGATE'
  | 'JSON_TOO_DEEP'
  | 'JSON_NUMBER_INVALID';

/** A JSON error of the input, with its code. */
function refuse(code: JsonCode, detail: string): never {
  throw new EnvelopeError(code, detail);
}

function tooLarge(maxBytes: number): never {
  throw new TransportError('BODY_TOO_LARGE', `the JSON is larger than ${maxBytes} bytes`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` is well-formed UTF-16 (no lone surrogate), as ES2024's `isWellFormed`. */
function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Reads `input` (bytes, or text already decoded) as I-JSON within `limits`. */
export function parseStrictJson(
  input: Uint8Array | string,
  limits: StrictJsonLimits = {},
): unknown {
  const maxBytes = limits.maxBytes ?? STRICT_JSON_DEFAULTS.maxBytes;
  const maxDepth = limits.maxDepth ?? STRICT_JSON_DEFAULTS.maxDepth;
  let text: string;
  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > maxBytes) tooLarge(maxBytes);
    if (!wellFormed(input)) refuse('JSON_LONE_SURROGATE', 'the text holds a lone surrogate');
    text = input;
  } else {
    if (input.byteLength > maxBytes) tooLarge(maxBytes);
    try {
      text = UTF8.decode(input);
    } catch {
      refuse('JSON_INVALID_UTF8', 'the bytes are not valid UTF-8 (RFC 7493 §2.1)');
    }
  }
  scan(text, maxDepth);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new KnooppuntError(
      limits.malformed ?? 'MALFORMED_MESSAGE',
      `not JSON: ${(error as Error).message}`,
    );
  }
  walk(value);
  return value;
}

/**
 * One pass over the text outside and inside strings: the nesting depth, and each object's
 * member names (a string followed by `:`), unescaped and compared. Syntax errors are left to
 * `JSON.parse`, which runs next; the scan only has to be right about valid JSON.
 */
function scan(text: string, maxDepth: number): void {
  const names: Array<Set<string> | undefined> = [];
  let depth = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      i += 1;
      while (i < length) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i += 2;
          continue;
        }
        if (d === 0x22) break;
        i += 1;
      }
      const end = i; // the closing quote (or the end of a broken text)
      i += 1;
      // A member name is a string followed (after whitespace) by a colon.
      let j = i;
      while (j < length && isSpace(text.charCodeAt(j))) j += 1;
      const set = names[depth];
      if (text.charCodeAt(j) === 0x3a /* : */ && set !== undefined) {
        const raw = text.slice(start + 1, end);
        const name = escaped ? unescape(text.slice(start, end + 1)) : raw;
        if (set.has(name))
          refuse('JSON_DUPLICATE_NAME', `the member name "${clip(name)}" appears twice`);
        set.add(name);
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > maxDepth)
        refuse('JSON_TOO_DEEP', `the JSON nests deeper than ${maxDepth} levels`);
      names[depth] = c === 0x7b ? new Set() : undefined;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      names[depth] = undefined;
      depth -= 1;
    }
    i += 1;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A JSON string literal's value; the literal itself when it does not parse (JSON.parse says so next). */
function unescape(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal;
  }
}

function clip(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** Every number finite, every string and name without a lone surrogate (an escaped one too). */
function walk(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        refuse(
          'JSON_NUMBER_INVALID',
          'a number is too large to represent (I-JSON: finite numbers only)',
        );
      }
    } else if (typeof value === 'string') {
      if (!wellFormed(value)) refuse('JSON_LONE_SURROGATE', 'a string holds a lone surrogate');
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value)) {
        if (!wellFormed(name))
          refuse('JSON_LONE_SURROGATE', 'a member name holds a lone surrogate');
        stack.push(item);
      }
    }
  }
}
