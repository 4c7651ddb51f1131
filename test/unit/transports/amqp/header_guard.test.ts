/**
 * The header guard in front of amqplib's decoder (pure parts): how deep and how large a
 * headers table may be, what it does to a content header frame, and that it stands in front
 * of the frame reader it is installed on.
 */
import { expect } from 'chai';
import {
  guardContentHeader,
  guardFirstFrame,
  guardHeaders,
  headersProblem,
  MAX_HEADER_BYTES,
  MAX_HEADER_DEPTH,
  REFUSED_HEADERS,
} from '../../../../src/transports/amqp/header_guard.ts';

/** A field table entry `name: value` (value already tagged). */
const entry = (name: string, value: Buffer): Buffer =>
  Buffer.concat([Buffer.from([name.length]), Buffer.from(name), value]);
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const table = (inner: Buffer): Buffer =>
  Buffer.concat([Buffer.from('F'), u32(inner.length), inner]);
const array = (inner: Buffer): Buffer =>
  Buffer.concat([Buffer.from('A'), u32(inner.length), inner]);
const longString = (text: string): Buffer =>
  Buffer.concat([Buffer.from('S'), u32(Buffer.byteLength(text)), Buffer.from(text)]);
/** Tables nested `depth` deep under the top-level table. */
const nestedTables = (depth: number): Buffer => {
  let inner = entry('v', Buffer.from([0x62, 1])); // b: int8 1
  for (let i = 0; i < depth; i += 1) inner = entry('a', table(inner));
  return inner;
};
/** A basic-class content header payload with content-type and `headers`. */
const contentHeader = (headers: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from([0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]), // class 60, weight 0, body size 2
    Buffer.from([0xa0, 0x00]), // flags: content-type, headers
    Buffer.from([16]),
    Buffer.from('application/json'),
    u32(headers.length),
    headers,
    Buffer.from([0x01]), // more properties after the headers are kept
  ]);
const frame = (payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([2, 0, 1]), u32(payload.length), payload, Buffer.from([0xce])]);

describe('AMQP header guard', () => {
  it('lets a table through that nests as deep as the limit, every field type included', () => {
    const types = Buffer.concat([
      entry('t', Buffer.from([0x74, 1])),
      entry('l', Buffer.concat([Buffer.from('l'), Buffer.alloc(8)])),
      entry('D', Buffer.concat([Buffer.from('D'), Buffer.alloc(5)])),
      entry('V', Buffer.from('V')),
      entry('x', Buffer.concat([Buffer.from('x'), u32(2), Buffer.from([1, 2])])),
      entry('s', longString('é')),
      entry('A', array(Buffer.concat([longString('a'), table(Buffer.alloc(0))]))),
    ]);
    expect(headersProblem(types)).to.equal(undefined);
    expect(headersProblem(nestedTables(MAX_HEADER_DEPTH - 1))).to.equal(undefined);
  });

  it('refuses tables nested deeper than the limit, arrays too, without recursing', () => {
    expect(headersProblem(nestedTables(MAX_HEADER_DEPTH))).to.match(/deeper than 64/);
    // 3,000 arrays in under 16 KiB: deep enough for amqplib's decoder to need a deep stack.
    let arrays: Buffer = Buffer.from([0x62, 1]);
    for (let i = 0; i < 3000; i += 1) arrays = array(arrays);
    expect(arrays.length).to.be.lessThan(MAX_HEADER_BYTES);
    expect(headersProblem(entry('a', arrays))).to.match(/deeper/);
    let few: Buffer = Buffer.from([0x62, 1]);
    for (let i = 0; i < MAX_HEADER_DEPTH; i += 1) few = array(few);
    expect(headersProblem(entry('a', few))).to.match(/deeper/);
  });

  it('refuses tables larger than the limit, unknown field types and lengths past the end', () => {
    expect(headersProblem(entry('p', longString('x'.repeat(MAX_HEADER_BYTES))))).to.match(/bytes/);
    expect(headersProblem(entry('z', Buffer.from('Z')))).to.match(/field type/);
    expect(headersProblem(entry('s', Buffer.concat([Buffer.from('S'), u32(100)])))).to.match(
      /not a field table/,
    );
    expect(headersProblem(Buffer.from([5, 0x61]))).to.match(/not a field table/);
  });

  it('replaces only the headers of a content header, keeping the other properties', () => {
    const deep = contentHeader(nestedTables(100));
    const guarded = guardContentHeader(deep) as Buffer;
    const headersAt = 14 + 1 + 16;
    const length = guarded.readUInt32BE(headersAt);
    const replaced = guarded.subarray(headersAt + 4, headersAt + 4 + length);
    expect(replaced.toString('latin1')).to.include(REFUSED_HEADERS);
    expect(guarded.subarray(0, headersAt)).to.deep.equal(deep.subarray(0, headersAt));
    expect(guarded[guarded.length - 1]).to.equal(0x01);
    expect(guardContentHeader(contentHeader(nestedTables(2)))).to.equal(undefined);
  });

  it('guards the first frame of a buffer when it is complete, with its size set anew', () => {
    const rest = Buffer.from([8, 0, 0, 0, 0, 0, 0, 0xce]); // a heartbeat after it
    const bytes = Buffer.concat([frame(contentHeader(nestedTables(100))), rest]);
    const guarded = guardFirstFrame(bytes);
    const size = guarded.readUInt32BE(3);
    expect(guarded[7 + size]).to.equal(0xce);
    expect(guarded.subarray(8 + size)).to.deep.equal(rest);
    expect(guardFirstFrame(bytes.subarray(0, 40))).to.deep.equal(bytes.subarray(0, 40));
    expect(guardFirstFrame(rest)).to.equal(rest);
  });

  it('stands in front of the frame reader it is installed on, and refuses one it does not know', () => {
    const reader: { rest: Buffer; seen: Buffer; recvFrame(): unknown } = {
      rest: frame(contentHeader(nestedTables(100))),
      seen: Buffer.alloc(0),
      recvFrame(): unknown {
        this.seen = this.rest;
        return false;
      },
    };
    guardHeaders(reader);
    reader.recvFrame();
    expect(reader.seen.toString('latin1')).to.include(REFUSED_HEADERS);
    expect(() => guardHeaders({ recvFrame: () => false })).to.throw(/frame reader changed/);
  });
});
