/**
 * A MongoDB server that cannot be reached is LEDGER_UNAVAILABLE from every operation of the
 * ledger — a promise or an async iteration — and only that: a real error of the driver (a
 * duplicate key) and the ledger's own errors pass as they are.
 */
import { expect } from 'chai';
import { MongoClient, MongoNetworkError, MongoServerError } from 'mongodb';
import { KnooppuntError, LedgerError } from '@knooppunt/standard';
import { MongoLedger } from '../../../src/ledger/mongo_ledger.ts';
import { isMongoUnreachable } from '../../../src/ledger/mongo_unreachable.ts';
import { declareUnavailability, UNAVAILABLE_DETAIL } from '../../../src/ledger/unavailable.ts';

class FakeAdapter {
  readonly #failure: unknown;
  constructor(failure: unknown) {
    this.#failure = failure;
  }
  async get(): Promise<string> {
    await Promise.resolve();
    throw this.#failure;
  }
  async *all(): AsyncIterable<number> {
    yield 1;
    throw this.#failure;
  }
  name(): string {
    return 'fake';
  }
}
declareUnavailability(FakeAdapter, isMongoUnreachable);

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('no failure');
}

describe('ledger unavailability (MongoDB)', () => {
  const refused = new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27018');
  const shuttingDown = new MongoServerError({ message: 'shutting down', code: 91 });
  let noServer: Error;

  before(async () => {
    // The driver's own error for a port where nothing listens (port 1 on loopback).
    const client = new MongoClient('mongodb://127.0.0.1:1', { serverSelectionTimeoutMS: 200 });
    noServer = (await failureOf(() => client.db('x').command({ ping: 1 }))) as Error;
    await client.close();
  });

  it('counts network errors, no selectable server and a node shutting down as unreachable', () => {
    expect(noServer.name).to.equal('MongoServerSelectionError');
    for (const error of [refused, noServer, shuttingDown]) {
      expect(isMongoUnreachable(error), error.message).to.equal(true);
    }
    expect(isMongoUnreachable(new MongoServerError({ message: 'dup', code: 11000 }))).to.equal(
      false,
    );
    expect(isMongoUnreachable(new Error('ECONNREFUSED'))).to.equal(false);
  });

  it('fails an operation of an unreachable server with LEDGER_UNAVAILABLE, the driver error as cause', async () => {
    const error = await failureOf(() => new FakeAdapter(refused).get());
    expect(error).to.be.instanceOf(LedgerError);
    expect(error).to.include({ code: 'LEDGER_UNAVAILABLE', message: UNAVAILABLE_DETAIL });
    expect((error as Error).cause).to.equal(refused);
  });

  it('fails an iteration that loses the server half-way with LEDGER_UNAVAILABLE', async () => {
    const seen: number[] = [];
    const error = await failureOf(async () => {
      for await (const item of new FakeAdapter(noServer).all()) seen.push(item);
    });
    expect(seen).to.deep.equal([1]);
    expect(error).to.have.property('code', 'LEDGER_UNAVAILABLE');
  });

  it('leaves other errors, the ledger’s own and synchronous methods alone', async () => {
    const duplicate = new MongoServerError({ message: 'E11000', code: 11000 });
    expect(await failureOf(() => new FakeAdapter(duplicate).get())).to.equal(duplicate);
    const own = new LedgerError('MESSAGE_ID_CONFLICT', 'another message has this id');
    const passed = await failureOf(() => new FakeAdapter(own).get());
    expect(passed).to.equal(own);
    expect(passed).to.be.instanceOf(KnooppuntError);
    expect(new FakeAdapter(refused).name()).to.equal('fake');
  });

  it('fails the attachment store of an unreachable ledger (ledger.attachments) with LEDGER_UNAVAILABLE', async () => {
    const ledger = new MongoLedger({
      url: 'mongodb://127.0.0.1:1',
      clientOptions: { serverSelectionTimeoutMS: 200 },
    });
    try {
      const error = await failureOf(() => ledger.attachments.getUpload('owner', 'a'.repeat(64)));
      expect(error).to.have.property('code', 'LEDGER_UNAVAILABLE');
    } finally {
      await ledger.close();
    }
  });
});
