/**
 * `npm run bench:pipeline`: messages per second through the whole pipeline in one process —
 * signature and certificate check, schema validation, authorisation, durable ledger write
 * (SQLite file with group commit; MongoDB/FerretDB with `--mongodb`), signed receipt — next
 * to the raw cryptography every message needs at minimum (one ES256 verify of the sender's
 * signature plus one ES256 sign of the receipt), measured in the same run.
 */
import { constants, randomUUID, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { signMessage } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';
import { MongoLedger } from '../src/ledger/mongo_ledger.ts';
import type { Ledger } from '../src/ledger/port.ts';
import { SqliteLedger } from '../src/ledger/sqlite_ledger.ts';
import { TEST_MONGODB_URL, uniqueDatabaseName } from '../test/support/mongo.ts';
import { CAST, createPipelineWorld } from '../test/support/pipeline_world.ts';
import { examplePayload } from '../test/support/examples.ts';
import { formatRate } from './harness.ts';

const useMongo = process.argv.includes('--mongodb');
const count = Number(process.argv.find((arg) => arg.startsWith('--count='))?.slice(8) ?? 3000);
const concurrency = Number(
  process.argv.find((arg) => arg.startsWith('--concurrency='))?.slice(14) ?? 64,
);

const dir = mkdtempSync(join(tmpdir(), 'knooppunt-bench-'));
const ledger: Ledger = useMongo
  ? new MongoLedger({ url: TEST_MONGODB_URL, database: uniqueDatabaseName('bench') })
  : new SqliteLedger(join(dir, 'ledger.sqlite'));
const world = await createPipelineWorld({ ledger });
const payload = examplePayload('saldoverzoek');

function messages(n: number): SignedMessage[] {
  return Array.from(
    { length: n },
    () =>
      JSON.parse(
        JSON.stringify(
          signMessage(
            {
              messageId: randomUUID(),
              conversationId: randomUUID(),
              module: 'schuldinventarisatie',
              messageType: 'saldoverzoek',
              version: '2.0',
              sender: CAST.gemeente.oin,
              recipient: CAST.energie.oin,
              createdAt: world.clock.now().toISOString(),
            },
            payload,
            world.participants.gemeente.signer,
          ),
        ),
      ) as SignedMessage,
  );
}

async function throughput(
  batch: readonly SignedMessage[],
  inFlight: number,
): Promise<{ rate: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < batch.length) {
        const message = batch[next++] as SignedMessage;
        const began = performance.now();
        const result = await world.pipeline.submit({
          body: message,
          identity: CAST.gemeente.oin,
          transport: 'rest',
        });
        if (result.outcome !== 'accepted')
          throw new Error(`rejected: ${JSON.stringify(result.claims.reasons)}`);
        latencies.push(performance.now() - began);
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    rate: (batch.length * 1000) / elapsed,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

function rawCrypto(n: number): number {
  const { signer } = world.participants.gemeente;
  const input = Buffer.from('x'.repeat(600));
  const options = { key: signer.privateKey, dsaEncoding: 'ieee-p1363' as const };
  const signature = sign('sha256', input, options);
  const start = performance.now();
  for (let i = 0; i < n; i += 1) {
    verify(
      'sha256',
      input,
      { key: signer.certificate.publicKey, dsaEncoding: 'ieee-p1363' },
      signature,
    );
    sign('sha256', input, options);
  }
  void constants;
  return (n * 1000) / (performance.now() - start);
}

await throughput(messages(300), concurrency); // warm-up: JIT, caches, ledger files
const batch = messages(count);
const baseline = rawCrypto(count);
const sequential = await throughput(messages(Math.min(count, 1000)), 1);
const parallel = await throughput(batch, concurrency);

console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, one process, ledger: ${ledger.kind}, ${count} messages`,
);
console.log('');
console.log(
  '| measure | messages/s | baseline (raw ES256 verify + sign)/s | ratio | p99 latency |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(
  `| pipeline, 1 in flight | ${formatRate(sequential.rate)} | ${formatRate(baseline)} | ${(sequential.rate / baseline).toFixed(2)} | ${sequential.p99.toFixed(1)} ms |`,
);
console.log(
  `| pipeline, ${concurrency} in flight | ${formatRate(parallel.rate)} | ${formatRate(baseline)} | ${(parallel.rate / baseline).toFixed(2)} | ${parallel.p99.toFixed(1)} ms |`,
);

await world.close();
if (ledger instanceof MongoLedger) {
  await ledger.init();
  await ledger.dropDatabase();
  await ledger.close();
}
rmSync(dir, { recursive: true, force: true });
