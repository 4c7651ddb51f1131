/**
 * Opaque pagination cursors: the sort key of the last item of a page, base64url JSON, so a
 * client cannot depend on its shape and every adapter pages the same way.
 */
import { UsageError } from '@knooppunt/standard';
import type { Page } from './types.ts';

/** The position after which the next page starts. */
export interface CursorPosition {
  readonly receivedAt: string;
  readonly messageId: string;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.receivedAt, position.messageId])).toString(
    'base64url',
  );
}

/** Decodes a cursor; a UsageError for anything that is not one of ours. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((part) => typeof part === 'string')
    ) {
      return { receivedAt: value[0] as string, messageId: value[1] as string };
    }
  } catch {
    // fall through to the error below
  }
  throw new UsageError('USAGE_INVALID', 'the cursor is not one this hub issued');
}

/** A page of `limit` from `limit + 1` rows, with the cursor after its last item. */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  position: (last: T) => CursorPosition,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor(position(last)) : undefined,
  };
}
