/**
 * `knooppunt start` (the README's first command, `npm start`). Until the hub process lands
 * (issue 3) it shows the standard at work on the embedded defaults: it creates the development
 * PKI in the data folder, issues a municipality and a creditor certificate, signs a realistic
 * saldoverzoek, verifies it like the hub will, and prints the catalogue.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { allMessageTypes } from '../catalogue/index.ts';
import {
  EnvelopeVerifier,
  signMessage,
  signerFromPem,
  staticCertificates,
} from '../envelope/index.ts';
import type { Payload } from '../envelope/index.ts';
import { pkiInit, pkiIssue } from '../pki/files.ts';
import { TrustStore } from '../pki/trust_store.ts';
import { createSchemaRegistry } from '../schemas/registry.ts';
import type { CliIo } from './io.ts';
import type { Runner } from './main.ts';

const GEMEENTE = { oin: '00000001002220647000', name: 'Gemeente Utrecht, Schuldhulpverlening' };
const SCHULDEISER = { oin: '00000003273111110000', name: 'Energie Direct B.V.' };
const EXAMPLES = new URL('../../schemas/examples/saldoverzoek-2.0/', import.meta.url);

/** Registers `start`. */
export function registerStartCommand(program: Command, io: CliIo, run: Runner): void {
  program
    .command('start')
    .description('run Knooppunt on the embedded defaults (data in $KNOOPPUNT_DATA_DIR or ./data)')
    .action(
      run(async () => {
        const dataDir = process.env['KNOOPPUNT_DATA_DIR'] ?? 'data';
        const pkiDir = join(dataDir, 'pki');
        const ca = pkiInit(pkiDir);
        io.out(`development PKI: ${ca.caCertPath} (${ca.created ? 'created' : 'reused'})`);
        const sender = pkiIssue(pkiDir, { ...GEMEENTE, keyAlgorithm: 'p256' });
        pkiIssue(pkiDir, { ...SCHULDEISER, keyAlgorithm: 'p256' });

        const signer = signerFromPem(
          readFileSync(sender.keyPath, 'utf8'),
          readFileSync(sender.certPath, 'utf8'),
        );
        const example = readdirSync(EXAMPLES).find((name) => name.startsWith('valid-')) ?? '';
        const payload = JSON.parse(readFileSync(new URL(example, EXAMPLES), 'utf8')) as Payload;
        const message = signMessage(
          {
            messageId: randomUUID(),
            conversationId: randomUUID(),
            module: 'schuldinventarisatie',
            messageType: 'saldoverzoek',
            version: '2.0',
            sender: GEMEENTE.oin,
            recipient: SCHULDEISER.oin,
            createdAt: new Date().toISOString(),
          },
          payload,
          signer,
        );
        const verifier = new EnvelopeVerifier({
          trust: TrustStore.fromPem(readFileSync(ca.caCertPath, 'utf8')),
          certificates: staticCertificates([signer.certificate]),
        });
        const verified = await verifier.verify(JSON.parse(JSON.stringify(message)));
        createSchemaRegistry().validateMessage(message);
        io.out(
          `signed and verified: saldoverzoek ${message.envelope.messageId} ${GEMEENTE.name} → ${SCHULDEISER.name} (${verified.algorithm}, digest ${message.envelope.payloadDigest})`,
        );
        io.out('\nThe message catalogue:');
        for (const spec of allMessageTypes()) {
          const answers = [...spec.answeredBy].join(', ') || '—';
          io.out(
            `  ${spec.name.padEnd(38)} ${[...spec.modules].join(',').padEnd(24).slice(0, 24)} answered by: ${answers}`,
          );
        }
        io.out('\nThe hub process (REST, AMQP, ledger) is the next milestone; see docs/.');
      }),
    );
}
