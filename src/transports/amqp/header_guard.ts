/**
 * A guard in front of amqplib's frame decoder for the `headers` property of what the hub
 * receives. amqplib decodes a field table recursively, a stack frame per level: a participant
 * who publishes headers nested a few thousand tables or arrays deep (a 64 KiB content header
 * holds ten thousand levels) makes the decoder throw RangeError in the hub, which closes the
 * hub's connection; the broker redelivers the message and it happens again, for ever — no
 * submission or delivery on any connection of the hub gets through. A field type amqplib
 * does not know ends the same way.
 *
 * So before amqplib reads a content header frame (AMQP 0-9-1 §4.2.6.1), the guard measures
 * its headers table without recursion (§4.2.5.5 field tables; the type tags of RabbitMQ's
 * errata, https://www.rabbitmq.com/amqp-0-9-1-errata#section_3) and, when the table nests deeper
 * than `MAX_HEADER_DEPTH`, is larger than `MAX_HEADER_BYTES` or cannot be read, puts a table
 * in its place that only names why (`REFUSED_HEADERS`). The inbound consumer refuses such a
 * message with a signed receipt like any other unreadable input; the hub reads no header
 * otherwise, so nothing it needs is lost.
 */

/** How deep a headers table may nest, counting itself (as deep as JSON may, strict_json.ts). */
export const MAX_HEADER_DEPTH = 64;

/** How large a headers table may be: tracing needs a few hundred bytes. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** The one header of a message whose headers the guard replaced: why it did. */
export const REFUSED_HEADERS = 'x-knooppunt-refused-headers';

const FRAME_HEADER = 2; // frame type of a content header (§4.2.3)
const FRAME_END = 0xce;
const BASIC_CLASS = 60;
/** Property flags of the basic class (§4.2.6.1): content-type, content-encoding, headers. */
const CONTENT_TYPE = 1 << 15;
const CONTENT_ENCODING = 1 << 14;
const HEADERS = 1 << 13;

/** Sizes of the field values that have a fixed size, by type tag. */
const FIXED: Readonly<Record<string, number>> = {
  t: 1,
  b: 1,
  B: 1,
  s: 2,
  u: 2,
  I: 4,
  i: 4,
  f: 4,
  D: 5,
  l: 8,
  d: 8,
  T: 8,
  V: 0,
};

/**
 * Why the bytes of a headers table (without its length prefix) may not reach amqplib, or
 * `undefined` when they may: larger than `MAX_HEADER_BYTES`, nested deeper than
 * `MAX_HEADER_DEPTH`, or not a table amqplib can read.
 */
export function headersProblem(table: Buffer): string | undefined {
  if (table.length > MAX_HEADER_BYTES) {
    return `the headers are ${table.length} bytes; at most ${MAX_HEADER_BYTES} are accepted`;
  }
  // The tables and arrays being read, innermost last: where each ends and whether its
  // entries have names (a table) or not (an array).
  const open: { end: number; named: boolean }[] = [{ end: table.length, named: true }];
  let offset = 0;
  try {
    while (open.length > 0) {
      const current = open[open.length - 1] as { end: number; named: boolean };
      if (offset >= current.end) {
        if (offset > current.end) return 'the headers are not a field table';
        open.pop();
        continue;
      }
      if (current.named) offset += 1 + table.readUInt8(offset);
      const tag = String.fromCharCode(table.readUInt8(offset));
      offset += 1;
      const fixed = FIXED[tag];
      if (fixed !== undefined) {
        offset += fixed;
      } else if (tag === 'S' || tag === 'x') {
        offset += 4 + table.readUInt32BE(offset);
      } else if (tag === 'F' || tag === 'A') {
        const length = table.readUInt32BE(offset);
        offset += 4;
        open.push({ end: offset + length, named: tag === 'F' });
        if (open.length > MAX_HEADER_DEPTH) {
          return `the headers nest deeper than ${MAX_HEADER_DEPTH} levels`;
        }
      } else {
        return 'the headers hold a field type that is not AMQP 0-9-1';
      }
    }
  } catch {
    return 'the headers are not a field table'; // a length that runs past the end
  }
  return offset === table.length ? undefined : 'the headers are not a field table';
}

/**
 * The payload of a content header frame with its headers replaced by `{REFUSED_HEADERS: why}`,
 * or `undefined` when the headers may be read as they are (or there are none).
 */
export function guardContentHeader(payload: Buffer): Buffer | undefined {
  // class-id (2), weight (2), body size (8), property flags (2): the basic class has one word.
  if (payload.length < 14 || payload.readUInt16BE(0) !== BASIC_CLASS) return undefined;
  const flags = payload.readUInt16BE(12);
  if ((flags & HEADERS) === 0) return undefined;
  let offset = 14;
  if (flags & CONTENT_TYPE) offset += 1 + (payload[offset] ?? 0);
  if (flags & CONTENT_ENCODING) offset += 1 + (payload[offset] ?? 0);
  if (offset + 4 > payload.length) return undefined; // amqplib will say what is wrong
  const length = payload.readUInt32BE(offset);
  const table = payload.subarray(offset + 4, offset + 4 + length);
  const why = table.length < length ? 'the headers are not a field table' : headersProblem(table);
  if (why === undefined) return undefined;
  const replacement = refusalTable(why);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(replacement.length);
  return Buffer.concat([
    payload.subarray(0, offset),
    size,
    replacement,
    payload.subarray(offset + 4 + length),
  ]);
}

/** `{REFUSED_HEADERS: why}` as a field table (without its length prefix). */
function refusalTable(why: string): Buffer {
  const name = Buffer.from(REFUSED_HEADERS);
  const value = Buffer.from(why);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([Buffer.from([name.length]), name, Buffer.from('S'), length, value]);
}

/**
 * `bytes` with its first frame guarded, when that frame is complete and a content header
 * whose headers may not be read; `bytes` itself otherwise.
 */
export function guardFirstFrame(bytes: Buffer): Buffer {
  if (bytes.length < 7 || bytes[0] !== FRAME_HEADER) return bytes;
  const size = bytes.readUInt32BE(3);
  if (bytes.length < 8 + size || bytes[7 + size] !== FRAME_END) return bytes;
  const guarded = guardContentHeader(bytes.subarray(7, 7 + size));
  if (guarded === undefined) return bytes;
  const head = Buffer.from(bytes.subarray(0, 7));
  head.writeUInt32BE(guarded.length, 3);
  return Buffer.concat([head, guarded, Buffer.from([FRAME_END]), bytes.subarray(8 + size)]);
}

/** The part of amqplib's Connection (lib/connection.js) the guard stands in front of. */
interface FrameReader {
  /** The bytes read from the socket and not yet decoded. */
  rest: Buffer;
  /** Decodes the next frame from `rest` (reading more from the socket when needed). */
  recvFrame(): unknown;
}

/**
 * Installs the guard on the amqplib connection of a ChannelModel (`model.connection`): every
 * frame is guarded before amqplib decodes it. Throws when amqplib's frame reader is not where
 * the guard expects it (a new amqplib), rather than run unguarded.
 */
export function guardHeaders(connection: unknown): void {
  const reader = connection as Partial<FrameReader> | null;
  if (typeof reader?.recvFrame !== 'function' || !Buffer.isBuffer(reader.rest)) {
    throw new Error("amqplib's frame reader changed: the AMQP header guard cannot be installed");
  }
  const target = reader as FrameReader;
  const recvFrame = target.recvFrame.bind(target);
  // recvFrame calls itself through the instance when it read more bytes: through the guard.
  target.recvFrame = () => {
    target.rest = guardFirstFrame(target.rest);
    return recvFrame();
  };
}
