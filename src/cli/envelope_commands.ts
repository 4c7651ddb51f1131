/**
 * `knooppunt envelope sign|verify`: sign a message with a participant's key, verify a signed
 * message against a trust bundle and the sender's certificate, then its schemas, and (with
 * `--receipt`) verify a receipt the hub signed against the hub's certificate.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  createSchemaRegistry,
  EnvelopeVerifier,
  inspectCertificate,
  readCertificateFile,
  signerFromPem,
  signMessage,
  staticCertificates,
  TrustStore,
  UsageError,
} from '@knooppunt/standard';
import type { EnvelopeFields, Payload } from '@knooppunt/standard';
import type { CliContext } from './context.ts';
import { readJsonFile, readTextFile } from './io.ts';
import { printReceipt, verifyReceiptFile } from './receipt_output.ts';

/** Registers `envelope sign` and `envelope verify`. */
export function registerEnvelopeCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const envelope = program.command('envelope').description('sign and verify message envelopes');

  envelope
    .command('sign')
    .description(
      'sign a message {envelope, payload}; fills messageId, conversationId, createdAt and sender when absent, and prints the signed message',
    )
    .requiredOption('--key <key.pem>', "the sender's private key (PEM)")
    .requiredOption('--cert <cert.pem>', "the sender's certificate (PEM)")
    .argument('<message.json>', 'the message to sign')
    .action(
      run((file: string, options: { key: string; cert: string }) => {
        const signer = signerFromPem(readTextFile(options.key), readTextFile(options.cert));
        const { fields, payload } = unsignedMessage(readJsonFile(file), signer.certificate);
        io.out(JSON.stringify(signMessage(fields, payload, signer), null, 2));
      }),
    );

  envelope
    .command('verify')
    .description(
      'verify a signed message: signature, certificate, digest, time and schemas; with --receipt, a receipt signed by the hub',
    )
    .option('--trust <ca.pem>', 'the trust bundle: CA certificates (PEM); required for a message')
    .requiredOption(
      '--cert <cert.pem>',
      "the sender's certificate (PEM); with --receipt the hub's certificate",
    )
    .option(
      '--receipt',
      'the file is a hub receipt: the compact JWS, or the JSON answer of POST /v1/messages',
    )
    .option('--max-skew <seconds>', 'allowed distance between createdAt and now', '300')
    .argument('<file>', 'the signed message (or, with --receipt, the receipt)')
    .action(
      run(async (file: string, options: VerifyOptions) => {
        if (options.receipt === true) {
          printReceipt(io, verifyReceiptFile(file, options.cert));
          return;
        }
        if (options.trust === undefined) {
          throw new UsageError('USAGE_INVALID', 'give --trust <ca.pem> to verify a message');
        }
        const verifier = new EnvelopeVerifier({
          trust: TrustStore.fromPem(readTextFile(options.trust)),
          certificates: staticCertificates([readCertificateFile(options.cert)]),
          maxClockSkewMs: seconds(options.maxSkew) * 1000,
        });
        const { message, algorithm } = await verifier.verify(readJsonFile(file));
        createSchemaRegistry().validateMessage(message); // envelope, then the payload by its type
        const { envelope: env } = message;
        io.out(
          `valid: ${env.messageType} ${env.version} ${env.messageId} from ${env.sender} to ${env.recipient} (${algorithm})`,
        );
      }),
    );
}

interface VerifyOptions {
  trust?: string;
  cert: string;
  receipt?: boolean;
  maxSkew: string;
}

function seconds(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new UsageError('USAGE_INVALID', `--max-skew must be a number of seconds, got ${text}`);
  }
  return value;
}

/** The envelope fields and payload of an unsigned message file, completed where absent. */
function unsignedMessage(
  input: unknown,
  certificate: Parameters<typeof inspectCertificate>[0],
): { fields: EnvelopeFields; payload: Payload } {
  const message = input as { envelope?: Record<string, unknown>; payload?: Payload };
  if (typeof message?.envelope !== 'object' || typeof message.payload !== 'object') {
    throw new UsageError('USAGE_INVALID', 'a message to sign is {"envelope": {…}, "payload": {…}}');
  }
  const { payloadDigest: _ignored, ...given } = message.envelope;
  const fields = {
    messageId: randomUUID(),
    conversationId: randomUUID(),
    createdAt: new Date().toISOString(),
    sender: inspectCertificate(certificate).oin,
    ...given,
  } as EnvelopeFields;
  return { fields, payload: message.payload };
}
