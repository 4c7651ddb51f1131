/**
 * An in-process hub for pipeline tests: a throw-away SQLite ledger, a test PKI, a small
 * network of participants and a pipeline over real crypto. `send` builds, signs and submits a
 * message in one call so each test states only what it is about.
 */
import { randomUUID } from 'node:crypto';
import {
  createSchemaRegistry,
  createSigner,
  EnvelopeVerifier,
  ManualClock,
  ReceiptSigner,
  signMessage,
} from '@knooppunt/standard';
import type { EnvelopeFields, ParticipantKind, Payload } from '@knooppunt/standard';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import type { Ledger } from '../../src/ledger/port.ts';
import { ParticipantRegistry } from '../../src/participants/registry.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import type { PipelineResult } from '../../src/pipeline/types.ts';
import { issueCertificate } from '../../src/pki/issue.ts';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createTestPki } from './pki_fixtures.ts';
import type { TestParticipant } from './pki_fixtures.ts';

/** The cast of the pipeline tests. */
export const CAST = {
  gemeente: {
    oin: '00000001002220647000',
    name: 'Gemeente Utrecht',
    kind: 'schuldhulpverlener-fase-2',
  },
  fase1: {
    oin: '00000001001234567000',
    name: 'Gemeente Houten (fase 1)',
    kind: 'schuldhulpverlener-fase-1',
  },
  kredietbank: {
    oin: '00000003302056540000',
    name: 'Kredietbank Midden-Nederland',
    kind: 'kredietbank',
  },
  energie: { oin: '00000003273111110000', name: 'Energie Direct B.V.', kind: 'schuldeiser' },
  telecom: { oin: '00000003272222330000', name: 'TeleNed Mobiel B.V.', kind: 'schuldeiser' },
  belastingdienst: {
    oin: '00000001003214345000',
    name: 'Belastingdienst',
    kind: 'schuldeiser',
    publicBody: true,
    preferent: true,
  },
  waarborgfonds: { oin: '00000003411985630000', name: 'Waarborgfonds', kind: 'waarborgfonds' },
} as const satisfies Record<
  string,
  { oin: string; name: string; kind: ParticipantKind; publicBody?: boolean; preferent?: boolean }
>;
export type Handle = keyof typeof CAST;

/** What `send` may override in the envelope. */
export type EnvelopeOverrides = Partial<EnvelopeFields>;

/** The in-process hub. */
export interface PipelineWorld {
  readonly clock: ManualClock;
  readonly ledger: Ledger;
  readonly registry: ParticipantRegistry;
  readonly pipeline: Pipeline;
  readonly hubCertificate: X509Certificate;
  readonly participants: Record<Handle, TestParticipant>;
  /** Signs (as `from`) and submits (authenticated as `identity`, default `from`). */
  send(
    from: Handle,
    to: Handle,
    messageType: string,
    payload: Payload,
    overrides?: EnvelopeOverrides & {
      identity?: Handle;
      module?: string;
      signer?: TestParticipant;
    },
  ): Promise<PipelineResult>;
  close(): Promise<void>;
}

/** Default modules per type for `send` (the first module of the type). */
const MODULE_OF: Record<string, string> = {
  kennisgeving: 'schuldregeling',
  'kennisgeving-antwoord': 'schuldregeling',
  saldoverzoek: 'schuldinventarisatie',
  'saldoverzoek-antwoord': 'schuldinventarisatie',
  'geen-medewerking': 'schuldinventarisatie',
  betaalvoorstel: 'schuldregeling',
  'betaalvoorstel-antwoord': 'schuldregeling',
  heroverweging: 'schuldregeling',
  'schuldregeling-akkoord': 'schuldregeling',
  'schuldregeling-beeindigd': 'schuldregeling',
  statusverzoek: 'schuldregeling',
  statusbericht: 'schuldregeling',
  'aanvraag-borgstelling': 'waarborgfonds',
  'borgstelling-besluit': 'waarborgfonds',
};

/** When the world's clock starts (a Monday); its PKI is made at that time. */
export const WORLD_START = '2026-11-23T09:00:00Z';

/** Builds the world; participants are registered with one P-256 certificate each. */
export async function createPipelineWorld(
  options: {
    ledger?: Ledger;
    /** Take attachments (standard 2.1) from the ledger. */ attachments?: boolean;
  } = {},
): Promise<PipelineWorld> {
  const clock = new ManualClock(WORLD_START);
  const pki = createTestPki({ at: WORLD_START });
  const ledger = options.ledger ?? new SqliteLedger(':memory:');
  await ledger.init();
  const registry = new ParticipantRegistry(ledger, { clock });
  const participants = {} as Record<Handle, TestParticipant>;
  for (const [handle, entry] of Object.entries(CAST) as [Handle, (typeof CAST)[Handle]][]) {
    const participant = pki.participant(entry.oin, entry.name);
    participants[handle] = participant;
    await registry.add({ ...entry, certificatePems: [participant.issued.certificatePem] });
  }
  const hub = issueCertificate({
    issuer: pki.ca,
    oin: '00000001999999990000',
    name: 'Knooppunt',
    role: 'hub',
    now: () => new Date(WORLD_START),
  });
  const hubCertificate = new X509Certificate(hub.certificatePem);
  const receipts = new ReceiptSigner(
    createSigner(createPrivateKey(hub.privateKeyPem), hubCertificate),
    '00000001999999990000',
  );
  const verifier = new EnvelopeVerifier({ certificates: registry, trust: pki.trust, clock });
  const pipeline = new Pipeline({
    ledger,
    registry,
    verifier,
    schemas: createSchemaRegistry(),
    receipts,
    clock,
    ...(options.attachments === true ? { attachments: ledger.attachments } : {}),
  });
  return {
    clock,
    ledger,
    registry,
    pipeline,
    hubCertificate,
    participants,
    async send(from, to, messageType, payload, overrides = {}) {
      const { identity, signer, ...envelope } = overrides;
      const message = signMessage(
        {
          messageId: randomUUID(),
          conversationId: randomUUID(),
          module: MODULE_OF[messageType] ?? 'schuldregeling',
          messageType,
          version: '2.0',
          sender: CAST[from].oin,
          recipient: CAST[to].oin,
          createdAt: clock.now().toISOString(),
          ...envelope,
        } as EnvelopeFields,
        payload,
        (signer ?? participants[from]).signer,
      );
      return pipeline.submit({
        body: JSON.parse(JSON.stringify(message)),
        identity: CAST[identity ?? from].oin,
        transport: 'rest',
      });
    },
    close: () => ledger.close(),
  };
}
