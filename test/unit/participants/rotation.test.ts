/**
 * Certificate rotation with an overlap: the new certificate works at once, the old one until
 * the overlap ends and is revoked after; the change is recorded with who made it.
 */
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import { ParticipantRegistry } from '../../../src/participants/registry.ts';
import { createTestPki, OIN } from '../../support/pki_fixtures.ts';

describe('participants: certificate rotation with an overlap', () => {
  const start = new Date('2027-03-01T09:00:00.000Z');
  let ledger: SqliteLedger;
  let clock: ManualClock;
  let registry: ParticipantRegistry;

  beforeEach(async () => {
    ledger = new SqliteLedger(':memory:');
    await ledger.init();
    clock = new ManualClock(start);
    registry = new ParticipantRegistry(ledger, { clock, cacheTtlMs: 60_000 });
  });
  afterEach(async () => ledger.close());

  it('keeps the old certificate valid for the overlap, then counts it revoked', async () => {
    const pki = createTestPki({ at: start });
    const old = pki.participant(OIN.energie, 'Energie');
    const next = pki.participant(OIN.energie, 'Energie');
    await registry.add({
      oin: OIN.energie,
      name: 'Energie',
      kind: 'schuldeiser',
      certificatePems: [old.issued.certificatePem],
    });
    const rotated = await registry.rotateCertificate(
      OIN.energie,
      next.issued.certificatePem,
      7,
      'anna.jansen',
    );
    expect(rotated.certificates.map((c) => c.retiresAt)).to.deep.equal([
      '2027-03-08T09:00:00.000Z',
      undefined,
    ]);
    expect((await registry.byThumbprint(old.signer.thumbprint))?.status).to.equal('active');
    expect((await registry.byThumbprint(next.signer.thumbprint))?.status).to.equal('active');

    clock.advance(7 * 86_400_000); // the cached entry is still the same: retirement is per read
    expect((await registry.byThumbprint(old.signer.thumbprint))?.status).to.equal('revoked');
    expect((await registry.byThumbprint(next.signer.thumbprint))?.status).to.equal('active');

    const events = await ledger.listEvents(`participant:${OIN.energie}`);
    expect(events.at(-1)).to.deep.include({ type: 'participant-changed', actor: 'anna.jansen' });
    expect(events.at(-1)?.data).to.deep.include({
      change: 'certificate-rotated',
      thumbprint: next.signer.thumbprint,
      retiring: [old.signer.thumbprint],
    });
  });

  it('refuses an overlap outside 0–90 days, a certificate of another OIN and a repeat', async () => {
    const pki = createTestPki({ at: start });
    const own = pki.participant(OIN.energie, 'Energie');
    const other = pki.participant(OIN.gemeente, 'Gemeente');
    await registry.add({
      oin: OIN.energie,
      name: 'Energie',
      kind: 'schuldeiser',
      certificatePems: [own.issued.certificatePem],
    });
    const refusal = async (pem: string, days: number) =>
      registry.rotateCertificate(OIN.energie, pem, days).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    expect(await refusal(pki.participant(OIN.energie, 'E').issued.certificatePem, 91)).to.match(
      /0 to 90/,
    );
    expect(await refusal(other.issued.certificatePem, 7)).to.match(/not 00000003273111110000/);
    expect(await refusal(own.issued.certificatePem, 7)).to.match(/already has/);
  });
});
