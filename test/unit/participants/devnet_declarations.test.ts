/**
 * The development network on an existing data dir: a participant registered before its
 * declarations (2.1, postal areas, kinds of fixed cost) were added to the network is updated on
 * the next start, so Gemeente Utrecht serves its areas there too; a second start changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import {
  bootstrapDevNetwork,
  DEFAULT_HUB_OIN,
  devParticipant,
} from '../../../src/devnet/dev_network.ts';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import { participantSubject, PARTICIPANT_CHANGED } from '../../../src/participants/history.ts';
import { ParticipantRegistry } from '../../../src/participants/registry.ts';

const AT = '2026-11-16T09:00:00.000Z';

describe('participants: the development network on an existing data dir', function () {
  this.timeout(30_000);
  let dir: string;
  let ledger: SqliteLedger;
  let registry: ParticipantRegistry;
  const now = () => new Date(AT);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-devnet-'));
    ledger = new SqliteLedger(':memory:');
    await ledger.init();
    registry = new ParticipantRegistry(ledger, { clock: new ManualClock(new Date(AT)) });
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a municipality registered before 2.1 its versions and postal areas on the next start', async () => {
    await bootstrapDevNetwork(dir, registry, DEFAULT_HUB_OIN, now);
    const gemeente = devParticipant('gemeente');
    const current = await registry.get(gemeente?.oin ?? '');
    if (current === undefined) throw new Error('the network registers Gemeente Utrecht');
    // The record as an older network wrote it: no versions (2.0 only), no postal areas.
    const { postcodegebieden: _areas, acceptedVersions: _versions, ...old } = current;
    await ledger.appendEvent({
      subject: participantSubject(old.oin),
      type: PARTICIPANT_CHANGED,
      at: AT,
      data: { change: 'updated', status: 'active', kind: old.kind, record: old },
    });
    await ledger.putParticipant(old);
    registry.clearCache();
    expect(await registry.servingPostcode('3531')).to.equal(undefined);

    await bootstrapDevNetwork(dir, registry, DEFAULT_HUB_OIN, now);
    const updated = await registry.get(old.oin);
    expect(updated?.acceptedVersions).to.deep.equal(['2.0', '2.1']);
    expect(updated?.postcodegebieden).to.deep.equal(['3451-3455', '3500-3585']);
    expect(updated?.certificates).to.have.length(1);
    expect((await registry.servingPostcode('3531'))?.oin).to.equal(old.oin);
    const [entry] = (await registry.listWithHistory()).filter(
      (one) => one.participant.oin === old.oin,
    );
    expect(entry?.history.state).to.equal('ok');

    // Nothing differs now: another start writes no history.
    const head = await ledger.lastEvent(participantSubject(old.oin));
    await bootstrapDevNetwork(dir, registry, DEFAULT_HUB_OIN, now);
    expect(await ledger.lastEvent(participantSubject(old.oin))).to.deep.equal(head);
  });
});
