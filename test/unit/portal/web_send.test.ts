/**
 * The portal's browser code for sending, run here on Node's WebCrypto: a message signed by
 * `web/portal/src/send/signing.ts` verifies with the hub's own envelope verifier (the same
 * bytes a browser sends); answers are prefilled from the message answered without a BSN; the
 * catalogue decides which answers and which opening messages a participant is offered; euro
 * text becomes cents.
 */
import { expect } from 'chai';
import { createPublicKey, X509Certificate } from 'node:crypto';
import {
  examplePayload,
  ManualClock,
  parseSignedMessage,
  thumbprintOf,
  TrustStore,
  EnvelopeVerifier,
} from '@knooppunt/standard';
import type { CertificateRecord } from '@knooppunt/standard';
import { createDevelopmentCa, issueCertificate } from '../../../src/pki/issue.ts';
import { centsOf, euroText } from '../../../web/portal/src/send/amounts.ts';
import {
  answerTypes,
  defaultVersions,
  openingTypes,
} from '../../../web/portal/src/send/outgoing.ts';
import { prefill, withoutBsn } from '../../../web/portal/src/send/prefill.ts';
import {
  jwkThumbprint as browserThumbprint,
  signMessage,
} from '../../../web/portal/src/send/signing.ts';
import type { BrowserKey } from '../../../web/portal/src/send/signing.ts';
import { jwkThumbprint } from '../../../src/portal/index.ts';
import type { SchemaInfo } from '../../../web/portal/src/api_types.ts';
import { formErrors, pruneEmpty } from '../../../web/portal/src/send/validator.ts';
import { bundleSchema } from '../../../src/portal/bundle_schema.ts';
import { createSchemaRegistry, defaultVersion } from '@knooppunt/standard';
import { schemaListing } from '../../../src/transports/rest/routes/directory.ts';

const now = new Date('2027-03-01T10:00:00.000Z');
const OIN_SE = '00000003273111110000';
const OIN_GEM = '00000001002220647000';

async function browserKey(): Promise<BrowserKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKey = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' } as const;
  return { pair, publicKey, id: await browserThumbprint(publicKey) };
}

describe('portal browser code: signing, prefill, choices', () => {
  it('signs a message that the hub’s verifier accepts, with the hub’s JWK thumbprint', async () => {
    const key = await browserKey();
    expect(key.id).to.equal(jwkThumbprint(key.publicKey));
    const ca = createDevelopmentCa({ now: () => now });
    const issued = issueCertificate({
      issuer: ca,
      oin: OIN_SE,
      name: 'Energie B.V.',
      keyAlgorithm: 'p256',
      publicKey: createPublicKey({ key: { ...key.publicKey }, format: 'jwk' }),
      now: () => now,
    });
    const certificate = new X509Certificate(issued.certificatePem);
    const thumbprint = thumbprintOf(certificate);
    const payload = {
      ...examplePayload('saldoverzoek-antwoord', 'twee-vorderingen'),
      toelichting: 'Één € 5',
    };
    const signed = await signMessage(
      {
        messageId: crypto.randomUUID(),
        conversationId: crypto.randomUUID(),
        inReplyTo: crypto.randomUUID(),
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek-antwoord',
        version: '2.0',
        sender: OIN_SE,
        recipient: OIN_GEM,
        createdAt: now.toISOString(),
      },
      payload,
      key,
      thumbprint,
    );
    const record: CertificateRecord = { certificate, status: 'active' };
    const verifier = new EnvelopeVerifier({
      certificates: { byThumbprint: async (t: string) => (t === thumbprint ? record : undefined) },
      trust: TrustStore.fromPem(ca.certificatePem),
      clock: new ManualClock(now),
      maxClockSkewMs: 300_000,
    });
    const message = parseSignedMessage(JSON.parse(JSON.stringify(signed)));
    await verifier.verify(message);
    // A changed payload no longer matches the signed digest.
    const tampered = parseSignedMessage({
      ...signed,
      payload: { ...payload, toelichting: 'anders' },
    });
    let refused: unknown;
    await verifier.verify(tampered).catch((error: unknown) => (refused = error));
    expect(refused).to.have.property('code', 'DIGEST_MISMATCH');
  });

  it('prefills an answer from the request, without a BSN, and names the proposal it is about', () => {
    const request = {
      klantnummerSchuldhulpverlener: 'GEM-1',
      schuldenaar: { persoon: { achternaam: 'Jansen' }, bsn: '111222333' },
      contactpersoon: { naam: 'Counsellor' },
      peildatum: '2027-02-28',
      toelichting: 'Their words',
    };
    const schema = {
      properties: {
        klantnummerSchuldhulpverlener: {},
        schuldenaar: {},
        contactpersoon: {},
        peildatum: {},
        toelichting: {},
        betaalvoorstelBerichtId: {},
      },
    };
    const data = prefill({
      schema,
      answering: { messageId: 'a1', messageType: 'betaalvoorstel-antwoord', payload: request },
      caseMessages: [
        { messageId: 'p-old', messageType: 'betaalvoorstel', receivedAt: '2027-01-01T00:00:00Z' },
        { messageId: 'p-new', messageType: 'betaalvoorstel', receivedAt: '2027-02-01T00:00:00Z' },
      ],
      contact: { naam: 'Me' },
    });
    expect(data).to.deep.equal({
      klantnummerSchuldhulpverlener: 'GEM-1',
      schuldenaar: { persoon: { achternaam: 'Jansen' } },
      contactpersoon: { naam: 'Me' },
      peildatum: '2027-02-28',
      betaalvoorstelBerichtId: 'p-new',
    });
    expect(withoutBsn([{ bsn: '1', a: { bsn: '2', b: 1 } }])).to.deep.equal([{ a: { b: 1 } }]);
  });

  it('offers the answers and opening messages the catalogue allows the role', () => {
    const listing = schemaListing(createSchemaRegistry()) as unknown as SchemaInfo[];
    const types = (items: SchemaInfo[]) => items.map((item) => item.messageType).sort();
    expect(types(answerTypes(listing, 'saldoverzoek', 'schuldeiser'))).to.deep.equal([
      'geen-medewerking',
      'saldoverzoek-antwoord',
      'saldoverzoek-antwoord-vooraf-akkoord',
    ]);
    expect(types(answerTypes(listing, 'betaalvoorstel', 'schuldeiser'))).to.deep.equal([
      'betaalvoorstel-antwoord',
    ]);
    expect(types(answerTypes(listing, 'betaalvoorstel-antwoord', 'schuldhulpverlener'))).to.include(
      'heroverweging',
    );
    const counsellor = {
      now: '',
      oin: OIN_GEM,
      name: 'Gemeente',
      kind: 'schuldhulpverlener-fase-2',
      role: 'schuldhulpverlener',
      modules: ['schuldinventarisatie', 'schuldregeling', 'betalingsregeling'],
    };
    const opening = types(openingTypes(listing, counsellor));
    for (const type of [
      'kennisgeving',
      'saldoverzoek',
      'betaalvoorstel',
      'schuldregeling-akkoord',
    ]) {
      expect(opening, type).to.include(type);
    }
    expect(opening).not.to.include('heroverweging');
    expect(opening).not.to.include('verloopmelding');
  });

  it('offers each type at its oldest version (2.0, which every recipient takes), a type new in 2.1 at 2.1', () => {
    const listing = schemaListing(createSchemaRegistry()) as unknown as SchemaInfo[];
    const both = ['saldoverzoek-antwoord', 'saldoverzoek'];
    for (const type of both) {
      const versions = listing.filter((i) => i.messageType === type).map((i) => i.version);
      expect(versions, type).to.include.members(['2.0', '2.1']);
    }
    const answers = answerTypes(listing, 'saldoverzoek', 'schuldeiser');
    expect(answers.find((i) => i.messageType === 'saldoverzoek-antwoord')?.version).to.equal('2.0');
    const counsellor = {
      now: '',
      oin: OIN_GEM,
      name: 'Gemeente',
      kind: 'schuldhulpverlener-fase-2',
      role: 'schuldhulpverlener',
      modules: ['schuldinventarisatie', 'schuldregeling', 'betalingsregeling'],
    };
    const opening = openingTypes(listing, counsellor);
    expect(
      opening.filter((i) => i.messageType === 'saldoverzoek').map((i) => i.version),
    ).to.deep.equal(['2.0']);
    // One version of each type the portal may send, the one the catalogue's rule names.
    const chosen = defaultVersions(listing).filter((i) => !i.sentByHub);
    const types = listing.filter((i) => !i.sentByHub).map((i) => i.messageType);
    expect(chosen.map((i) => i.messageType).sort()).to.deep.equal([...new Set(types)].sort());
    for (const item of chosen) {
      expect(item.version, item.messageType).to.equal(defaultVersion(item.messageType));
    }
    const only21 = chosen.find((i) => i.messageType === 'signaal-betalingsachterstand');
    expect(only21?.version).to.equal('2.1');
  });

  it('validates a form by the standard’s schema in the browser, in Dutch, at the field', () => {
    const registry = createSchemaRegistry();
    const schemaOf = (type: string) => {
      const info = registry.listMessageSchemas().find((s) => s.messageType === type);
      return bundleSchema(
        registry.getSchema(info?.$id ?? '') as Record<string, unknown>,
        (id) => registry.getSchema(id) as Record<string, unknown> | undefined,
      );
    };
    const answer = schemaOf('saldoverzoek-antwoord');
    const valid = examplePayload('saldoverzoek-antwoord', 'twee-vorderingen') as Record<
      string,
      unknown
    >;
    expect(formErrors(answer, valid)).to.deep.equal([]);
    const at = (data: unknown) =>
      Object.fromEntries(formErrors(answer, data).map((e) => [e.property, e.message]));
    const lines = valid['vorderingen'] as Record<string, unknown>[];
    const broken = {
      ...valid,
      contactpersoon: { naam: 'Team' },
      iban: 'NL00INGB0000000000',
      vorderingen: [
        { ...lines[0], oorspronkelijkBedrag: '12,50' },
        { ...lines[1], factuurnummer: undefined },
      ],
    };
    expect(at(broken)).to.deep.include({
      '.contactpersoon': 'vul ten minste één in: telefoonnummer of email',
      '.iban': 'dit is geen geldig IBAN (controleer het rekeningnummer)',
      '.vorderingen.0.oorspronkelijkBedrag': 'vul een heel getal in',
      '.vorderingen.1.factuurnummer': 'dit is verplicht',
    });
    const refusal = schemaOf('betaalvoorstel-antwoord');
    const agreed = examplePayload('betaalvoorstel-antwoord', 'akkoord') as Record<string, unknown>;
    expect(formErrors(refusal, agreed)).to.deep.equal([]);
    expect(at.call(null, {})).to.have.property('.peildatum', 'dit is verplicht');
    expect(
      Object.fromEntries(
        formErrors(refusal, { ...agreed, reden: 'percentage-te-laag' }).map((e) => [
          e.property,
          e.message,
        ]),
      ),
    ).to.deep.equal({ '.reden': 'dit mag hier niet worden ingevuld' });
  });

  it('drops the optional parts a person left empty, keeping the places of a filled list', () => {
    expect(
      pruneEmpty({
        a: 'x',
        partner: { persoon: {}, adres: { straat: '' } },
        bijlagen: [{}, {}],
        vorderingen: [{ factuurnummer: 'F1' }, {}],
        preferent: false,
      }),
    ).to.deep.equal({ a: 'x', vorderingen: [{ factuurnummer: 'F1' }, {}], preferent: false });
    expect(pruneEmpty({})).to.equal(undefined);
  });

  it('reads euro text the Dutch way', () => {
    expect(centsOf('1.234,56')).to.equal(123_456);
    expect(centsOf('€ 12')).to.equal(1200);
    expect(centsOf('1234.5')).to.equal(123_450);
    expect(centsOf('0,07')).to.equal(7);
    expect(centsOf('12,345')).to.equal(undefined);
    expect(centsOf('twaalf')).to.equal(undefined);
    expect(euroText(123_456)).to.equal('1234,56');
    expect(euroText(5)).to.equal('0,05');
  });
});
