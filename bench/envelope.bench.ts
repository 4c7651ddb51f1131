/**
 * `npm run bench:envelope`: sign, verify and validate throughput of the envelope layer, each
 * next to raw `crypto.sign` / `crypto.verify` with the same key in the same run, as ratios.
 * One process, one core. Prints a Markdown table for docs/performance.md.
 */
import { constants, createHash, randomUUID, sign, verify } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import {
  canonicalJson,
  createSchemaRegistry,
  EnvelopeVerifier,
  parseStrictJson,
  payloadDigest,
  signMessage,
  staticCertificates,
} from '@knooppunt/standard';
import type { EnvelopeFields, Payload } from '@knooppunt/standard';
import { OIN, createTestPki } from '../test/support/pki_fixtures.ts';
import { formatRate, runBench } from './harness.ts';
import type { BenchCase } from './harness.ts';

const examples = new URL(
  '../packages/standard/schemas/examples/saldoverzoek-2.0/',
  import.meta.url,
);
const exampleFile = readdirSync(examples).find((name) => name.startsWith('valid-')) ?? '';
const payload = JSON.parse(readFileSync(new URL(exampleFile, examples), 'utf8')) as Payload;
const schemas = createSchemaRegistry();
const pki = createTestPki();

function fields(): EnvelopeFields {
  return {
    messageId: randomUUID(),
    conversationId: randomUUID(),
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek',
    version: '2.0',
    sender: OIN.gemeente,
    recipient: OIN.energie,
    createdAt: new Date().toISOString(),
  };
}

const rows: string[] = [];
const quick = process.argv.includes('--quick');
const options = quick
  ? { roundMs: 200, rounds: 3, warmupMs: 100 }
  : { roundMs: 1000, rounds: 5, warmupMs: 300 };

for (const [alg, keyAlgorithm] of [
  ['ES256', 'p256'],
  ['PS256', 'rsa-3072'],
] as const) {
  const sender = pki.participant(OIN.gemeente, 'Gemeente Utrecht', { keyAlgorithm });
  const verifier = new EnvelopeVerifier({
    trust: pki.trust,
    certificates: staticCertificates([sender.certificate]),
    maxClockSkewMs: 3_600_000,
  });
  const message = JSON.parse(
    JSON.stringify(signMessage(fields(), payload, sender.signer)),
  ) as unknown;
  const signingInput = Buffer.from(
    (message as { signature: string }).signature.split('.').slice(0, 2).join('.'),
  );
  const keyOptions =
    alg === 'ES256'
      ? { dsaEncoding: 'ieee-p1363' as const }
      : { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  const rawSignature = sign('sha256', signingInput, {
    key: sender.signer.privateKey,
    ...keyOptions,
  });
  const publicKey = sender.certificate.publicKey;
  const cases: BenchCase[] = [
    {
      name: 'raw crypto.sign',
      fn: () => sign('sha256', signingInput, { key: sender.signer.privateKey, ...keyOptions }),
    },
    { name: 'signMessage (digest + JWS)', fn: () => signMessage(fields(), payload, sender.signer) },
    {
      name: 'raw crypto.verify',
      fn: () => verify('sha256', signingInput, { key: publicKey, ...keyOptions }, rawSignature),
    },
    { name: 'EnvelopeVerifier.verify (all checks)', fn: () => verifier.verify(message) },
  ];
  const results = await runBench(cases, options);
  const [rawSign, ourSign, rawVerify, ourVerify] = results.map((r) => r.opsPerSecond) as [
    number,
    number,
    number,
    number,
  ];
  rows.push(
    `| ${alg} sign | ${formatRate(ourSign)} | ${formatRate(rawSign)} | ${(ourSign / rawSign).toFixed(2)} |`,
  );
  rows.push(
    `| ${alg} verify | ${formatRate(ourVerify)} | ${formatRate(rawVerify)} | ${(ourVerify / rawVerify).toFixed(2)} |`,
  );
}

// The strict reader (I-JSON: UTF-8, duplicate names, lone surrogates, depth, finite numbers)
// against JSON.parse of the same bytes: what every body entering the hub pays (issue 12).
const signedBody = Buffer.from(
  JSON.stringify(signMessage(fields(), payload, pki.participant(OIN.gemeente, 'G').signer)),
);
const reading = await runBench(
  [
    { name: 'JSON.parse of the body', fn: () => JSON.parse(signedBody.toString('utf8')) },
    { name: 'parseStrictJson of the body', fn: () => parseStrictJson(signedBody) },
  ],
  options,
);
const [plainRead, strictRead] = reading.map((r) => r.opsPerSecond) as [number, number];
rows.push(
  `| strict JSON read (signed message, ${(signedBody.length / 1024).toFixed(1)} KiB) | ${formatRate(strictRead)} | ${formatRate(plainRead)} | ${(strictRead / plainRead).toFixed(2)} |`,
);

const validation = await runBench(
  [
    {
      name: 'raw sha256 of canonical JSON',
      fn: () => createHash('sha256').update(canonicalJson(payload)).digest(),
    },
    { name: 'payloadDigest', fn: () => payloadDigest(payload) },
    {
      name: 'validate saldoverzoek payload',
      fn: () => schemas.validatePayload('saldoverzoek', '2.0', payload),
    },
  ],
  options,
);
const [rawDigest, digest, validate] = validation.map((r) => r.opsPerSecond) as [
  number,
  number,
  number,
];
rows.push(
  `| payloadDigest (RFC 8785 + SHA-256) | ${formatRate(digest)} | ${formatRate(rawDigest)} | ${(digest / rawDigest).toFixed(2)} |`,
);
rows.push(
  `| schema validate (saldoverzoek) | ${formatRate(validate)} | ${formatRate(rawDigest)} | ${(validate / rawDigest).toFixed(2)} |`,
);

console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, one process${quick ? ' (quick run)' : ''}`,
);
console.log('');
console.log('| operation | ops/s | baseline ops/s (same run) | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
