import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import {
  EnvelopeVerifier,
  KnooppuntError,
  ManualClock,
  payloadDigest,
  signMessage,
  staticCertificates,
  thumbprintOf,
} from '@knooppunt/standard';
import type {
  CertificateRecord,
  EnvelopeFields,
  ErrorCode,
  SignedMessage,
} from '@knooppunt/standard';
import { OIN, createTestPki } from '../../support/pki_fixtures.ts';
import type { TestParticipant } from '../../support/pki_fixtures.ts';

const NOW = '2026-11-23T09:00:00.000Z';
/** The PKI (and the certificates under it) was made well before the verifiers' clock. */
const PKI_MADE = '2026-01-01T00:00:00.000Z';
const pki = createTestPki({ at: PKI_MADE });
const gemeente = pki.participant(OIN.gemeente, 'Gemeente Utrecht');
const gemeenteRsa = pki.participant(OIN.gemeente, 'Gemeente Utrecht', {
  keyAlgorithm: 'rsa-3072',
});

function fields(sender: string = OIN.gemeente): EnvelopeFields {
  return {
    messageId: randomUUID(),
    conversationId: randomUUID(),
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek',
    version: '2.0',
    sender,
    recipient: OIN.energie,
    createdAt: NOW,
  };
}

const PAYLOAD = {
  klantnummerSchuldhulpverlener: 'UTR-2026-00417',
  schuldenaar: { achternaam: 'Jansen', geboortedatum: '1984-03-12', huisnummer: 12 },
  bekendeFactuurnummers: ['F-2025-1182', 'F-2025-1290'],
  spoed: false,
};

function verifier(
  participants: readonly TestParticipant[],
  clock = new ManualClock(NOW),
): EnvelopeVerifier {
  return new EnvelopeVerifier({
    trust: pki.trust,
    certificates: staticCertificates(participants.map((p) => p.certificate)),
    clock,
  });
}

async function codeOf(verify: Promise<unknown>): Promise<ErrorCode | 'accepted'> {
  try {
    await verify;
    return 'accepted';
  } catch (error) {
    if (error instanceof KnooppuntError) return error.code;
    throw error;
  }
}

/** A deep copy, as the message would arrive over the wire. */
function wire(message: SignedMessage): Record<string, unknown> {
  return JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
}

/** Every leaf of a JSON value with a function that returns a copy where that leaf differs. */
function mutations(
  value: unknown,
  path: string[] = [],
): { path: string; mutate: (root: unknown) => unknown }[] {
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => mutations(child, [...path, key]));
  }
  const change = (leaf: unknown): unknown =>
    typeof leaf === 'string'
      ? `${leaf.slice(0, -1)}${leaf.endsWith('x') ? 'y' : 'x'}`
      : typeof leaf === 'number'
        ? leaf + 1
        : !leaf;
  return [
    {
      path: `/${path.join('/')}`,
      mutate(root) {
        const copy = JSON.parse(JSON.stringify(root)) as Record<string, unknown>;
        let node: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
        const last = path.at(-1) as string;
        node[last] = change(node[last]);
        return copy;
      },
    },
  ];
}

describe('envelope verification', () => {
  for (const participant of [gemeente, gemeenteRsa]) {
    const alg = participant === gemeente ? 'ES256' : 'PS256';

    it(`accepts a message signed with ${alg} and reports the algorithm`, async () => {
      const message = signMessage(fields(), PAYLOAD, participant.signer);
      const verified = await verifier([participant]).verify(wire(message));
      expect(verified.algorithm).to.equal(alg);
      expect(verified.message.envelope.payloadDigest).to.equal(payloadDigest(PAYLOAD));
    });

    it(`fails with SIGNATURE_INVALID when any byte of the ${alg} signature is flipped`, async () => {
      const message = wire(signMessage(fields(), PAYLOAD, participant.signer));
      const [header, claims, signature] = (message['signature'] as string).split('.') as [
        string,
        string,
        string,
      ];
      const bytes = Buffer.from(signature, 'base64url');
      const v = verifier([participant]);
      for (let i = 0; i < bytes.length; i += 1) {
        const flipped = Buffer.from(bytes);
        flipped[i] = (flipped[i] as number) ^ 0x01;
        const forged = {
          ...message,
          signature: `${header}.${claims}.${flipped.toString('base64url')}`,
        };
        expect(await codeOf(v.verify(forged)), `byte ${i}`).to.equal('SIGNATURE_INVALID');
      }
    });
  }

  it('fails with DIGEST_MISMATCH when any payload value changes', async () => {
    const message = wire(signMessage(fields(), PAYLOAD, gemeente.signer));
    const v = verifier([gemeente]);
    const leaves = mutations(message['payload']);
    expect(leaves.length).to.equal(7);
    for (const { path, mutate } of leaves) {
      const forged = { ...message, payload: mutate(message['payload']) };
      expect(await codeOf(v.verify(forged)), path).to.equal('DIGEST_MISMATCH');
    }
  });

  it('fails with ENVELOPE_MISMATCH when any envelope claim changes, disappears or is added', async () => {
    const message = wire(
      signMessage({ ...fields(), inReplyTo: randomUUID() }, PAYLOAD, gemeente.signer),
    );
    const envelope = message['envelope'] as Record<string, unknown>;
    const v = verifier([gemeente]);
    for (const { path, mutate } of mutations(envelope)) {
      expect(await codeOf(v.verify({ ...message, envelope: mutate(envelope) })), path).to.equal(
        'ENVELOPE_MISMATCH',
      );
    }
    for (const key of Object.keys(envelope)) {
      const { [key]: _removed, ...rest } = envelope;
      expect(await codeOf(v.verify({ ...message, envelope: rest })), `without ${key}`).to.equal(
        'ENVELOPE_MISMATCH',
      );
    }
    expect(
      await codeOf(v.verify({ ...message, envelope: { ...envelope, prioriteit: 'hoog' } })),
    ).to.equal('ENVELOPE_MISMATCH');
  });

  it('fails when any byte of the JWS header or claims segment is flipped', async () => {
    const message = wire(signMessage(fields(), PAYLOAD, gemeente.signer));
    const signature = message['signature'] as string;
    const [header, claims, sig] = signature.split('.') as [string, string, string];
    const v = verifier([gemeente]);
    for (const [segment, index] of [
      [header, 0],
      [claims, 1],
    ] as const) {
      const bytes = Buffer.from(segment, 'base64url');
      for (let i = 0; i < bytes.length; i += 1) {
        const flipped = Buffer.from(bytes);
        flipped[i] = (flipped[i] as number) ^ 0x01;
        const parts = [header, claims, sig];
        parts[index] = flipped.toString('base64url');
        const code = await codeOf(v.verify({ ...message, signature: parts.join('.') }));
        expect(code, `segment ${index} byte ${i}`).to.be.oneOf(
          index === 0
            ? [
                'SIGNATURE_MALFORMED',
                'ALG_NOT_ALLOWED',
                'TYP_INVALID',
                'CERT_UNKNOWN',
                'SIGNATURE_INVALID',
              ]
            : ['SIGNATURE_INVALID'],
        );
      }
    }
  });

  it('refuses alg none and HMAC with ALG_NOT_ALLOWED, whatever the key', async () => {
    const envelope = { ...fields(), payloadDigest: payloadDigest(PAYLOAD) };
    const x5t = thumbprintOf(gemeente.certificate);
    const unsigned = jwt.sign(envelope, '', {
      algorithm: 'none',
      header: { alg: 'none', typ: 'knooppunt-envelope+jwt', 'x5t#S256': x5t },
    });
    const hmac = jwt.sign(envelope, gemeente.issued.certificatePem, {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: 'knooppunt-envelope+jwt', 'x5t#S256': x5t },
    });
    const v = verifier([gemeente]);
    for (const signature of [`${unsigned}AAAA`, hmac]) {
      expect(await codeOf(v.verify({ envelope, payload: PAYLOAD, signature }))).to.equal(
        'ALG_NOT_ALLOWED',
      );
    }
  });

  it('fails with CERT_UNKNOWN for a certificate the resolver does not know', async () => {
    const stranger = pki.participant(OIN.belastingdienst, 'Belastingdienst');
    const message = signMessage(fields(OIN.belastingdienst), PAYLOAD, stranger.signer);
    expect(await codeOf(verifier([gemeente]).verify(wire(message)))).to.equal('CERT_UNKNOWN');
  });

  it('fails with CERT_UNTRUSTED for a certificate from another CA', async () => {
    const rogue = createTestPki({ at: PKI_MADE }).participant(OIN.gemeente, 'Gemeente Utrecht');
    const message = signMessage(fields(), PAYLOAD, rogue.signer);
    expect(await codeOf(verifier([rogue]).verify(wire(message)))).to.equal('CERT_UNTRUSTED');
  });

  it('fails with CERT_REVOKED when the registry marks the certificate revoked', async () => {
    const message = signMessage(fields(), PAYLOAD, gemeente.signer);
    const revoked: CertificateRecord = { certificate: gemeente.certificate, status: 'revoked' };
    const v = new EnvelopeVerifier({
      trust: pki.trust,
      certificates: { byThumbprint: async () => revoked },
      clock: new ManualClock(NOW),
    });
    expect(await codeOf(v.verify(wire(message)))).to.equal('CERT_REVOKED');
  });

  it('fails with CERT_EXPIRED and CERT_NOT_YET_VALID outside the validity window', async () => {
    const shortLived = pki.participant(OIN.gemeente, 'Gemeente Utrecht', {
      validFrom: new Date('2026-11-01T00:00:00Z'),
      validDays: 30,
    });
    const early = new ManualClock('2026-10-15T09:00:00Z');
    const late = new ManualClock('2027-01-15T09:00:00Z');
    const at = (clock: ManualClock): SignedMessage =>
      signMessage(
        { ...fields(), createdAt: clock.now().toISOString() },
        PAYLOAD,
        shortLived.signer,
      );
    expect(await codeOf(verifier([shortLived], early).verify(wire(at(early))))).to.equal(
      'CERT_NOT_YET_VALID',
    );
    expect(await codeOf(verifier([shortLived], late).verify(wire(at(late))))).to.equal(
      'CERT_EXPIRED',
    );
  });

  it('fails with CERT_OIN_MISMATCH when the envelope sender is not the certificate OIN', async () => {
    const message = signMessage(fields(OIN.belastingdienst), PAYLOAD, gemeente.signer);
    expect(await codeOf(verifier([gemeente]).verify(wire(message)))).to.equal('CERT_OIN_MISMATCH');
  });

  it('fails with CLOCK_SKEW when createdAt lies more than the window from now', async () => {
    const message = signMessage(fields(), PAYLOAD, gemeente.signer);
    const clock = new ManualClock(NOW);
    clock.advance(301_000);
    expect(await codeOf(verifier([gemeente], clock).verify(wire(message)))).to.equal('CLOCK_SKEW');
    clock.set('2026-11-23T08:54:00Z');
    expect(await codeOf(verifier([gemeente], clock).verify(wire(message)))).to.equal('CLOCK_SKEW');
    clock.set('2026-11-23T09:04:00Z');
    expect(await codeOf(verifier([gemeente], clock).verify(wire(message)))).to.equal('accepted');
  });

  it('fails with MALFORMED_MESSAGE or SIGNATURE_MALFORMED on shapes that are not messages', async () => {
    const v = verifier([gemeente]);
    expect(await codeOf(v.verify('hallo'))).to.equal('MALFORMED_MESSAGE');
    expect(await codeOf(v.verify({ envelope: {}, payload: [], signature: 'a.b.c' }))).to.equal(
      'MALFORMED_MESSAGE',
    );
    expect(await codeOf(v.verify({ envelope: {}, payload: {}, signature: 'not a jws' }))).to.equal(
      'SIGNATURE_MALFORMED',
    );
    // An id must never reach a lookup as an object (a query operator on MongoDB).
    const message = wire(signMessage(fields(), PAYLOAD, gemeente.signer));
    const envelope = { ...(message['envelope'] as object), messageId: { $gt: '' } };
    expect(await codeOf(v.verify({ ...message, envelope }))).to.equal('MALFORMED_MESSAGE');
    expect(await codeOf(v.verify({ envelope: {}, payload: {}, signature: 'e30.e30.AA' }))).to.equal(
      'SIGNATURE_MALFORMED',
    );
  });
});
