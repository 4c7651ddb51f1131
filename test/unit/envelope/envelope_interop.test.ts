import { X509Certificate, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { CompactSign, importPKCS8 } from 'jose';
import {
  EnvelopeVerifier,
  payloadDigest,
  signerFromPem,
  signMessage,
  staticCertificates,
  thumbprintOf,
  TrustStore,
} from '@knooppunt/standard';
import type { EnvelopeFields } from '@knooppunt/standard';
import { makeOpensslPki } from '../../support/openssl.ts';
import { OIN, createTestPki } from '../../support/pki_fixtures.ts';

function fields(): EnvelopeFields {
  return {
    messageId: randomUUID(),
    conversationId: randomUUID(),
    module: 'schuldregeling',
    messageType: 'kennisgeving',
    version: '2.0',
    sender: OIN.gemeente,
    recipient: OIN.belastingdienst,
    createdAt: new Date().toISOString(),
  };
}
const PAYLOAD = { klantnummerSchuldhulpverlener: 'TD-0001', bedrag: 123456 };

describe('envelope interoperability', () => {
  for (const key of ['rsa', 'ec'] as const) {
    it(`verifies a message signed with an openssl-made ${key} key and certificate under an openssl CA`, async () => {
      const made = makeOpensslPki(OIN.gemeente, key);
      const signer = signerFromPem(made.keyPem, made.certPem);
      const message = signMessage(fields(), PAYLOAD, signer);
      const verifier = new EnvelopeVerifier({
        trust: TrustStore.fromPem(made.caCertPem),
        certificates: staticCertificates([new X509Certificate(made.certPem)]),
      });
      const verified = await verifier.verify(JSON.parse(JSON.stringify(message)));
      expect(verified.algorithm).to.equal(key === 'rsa' ? 'PS256' : 'ES256');
      expect(verified.certificate.info.oin).to.equal(OIN.gemeente);
    });
  }

  for (const alg of ['ES256', 'PS256'] as const) {
    it(`verifies a ${alg} JWS made by another JOSE implementation (panva/jose)`, async () => {
      const pki = createTestPki();
      const gemeente = pki.participant(OIN.gemeente, 'Gemeente Utrecht', {
        keyAlgorithm: alg === 'ES256' ? 'p256' : 'rsa-3072',
      });
      const envelope = { ...fields(), payloadDigest: payloadDigest(PAYLOAD) };
      const key = await importPKCS8(gemeente.issued.privateKeyPem, alg);
      const signature = await new CompactSign(new TextEncoder().encode(JSON.stringify(envelope)))
        .setProtectedHeader({
          alg,
          typ: 'knooppunt-envelope+jwt',
          'x5t#S256': thumbprintOf(gemeente.certificate),
        })
        .sign(key);
      const verifier = new EnvelopeVerifier({
        trust: pki.trust,
        certificates: staticCertificates([gemeente.certificate]),
      });
      const verified = await verifier.verify({ envelope, payload: PAYLOAD, signature });
      expect(verified.message.envelope.messageId).to.equal(envelope.messageId);
    });
  }
});
