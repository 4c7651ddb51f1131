/**
 * Early signals over REST (issue 13, part 4): an energy company finds the municipality that
 * serves a postcode in Utrecht in the directory, its arrears signal reaches Gemeente Utrecht and
 * nobody else — not Gemeente Amersfoort, not another creditor — the municipality's outcome goes
 * back to the energy company without personal data and is counted in the operators' reach
 * figures; a signal to the wrong municipality, for an unserved area, with a postcode that does
 * not match, or from a creditor that declares no fixed costs is refused with its own code.
 */
import { expect } from 'chai';
import { verifyChain } from '../../../src/ledger/verify_chain.ts';
import { problemOf } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { operatorReach, outcome, signal, signalPayload } from './signals_world.ts';
import type { ReachReader } from './signals_world.ts';

describe('vroegsignalering over REST: routed by postcode, answered, counted', function () {
  this.timeout(60_000);
  let testHub: TestHub;
  let reach: ReachReader;

  before(async () => {
    testHub = await startTestHub();
    reach = await operatorReach(testHub);
  });
  after(() => testHub?.stop());

  /** The ids in a participant's mailbox. */
  async function mailboxOf(handle: string): Promise<string[]> {
    const response = await testHub.client(handle).mailbox({ module: 'vroegsignalering' });
    expect(response.status).to.equal(200);
    return response.body.items.map((item) => item.messageId);
  }

  it('names the municipality that serves a postcode, for a full postcode or its PC4 area', async () => {
    const energie = testHub.client('energie');
    const full = await energie.raw<{ postcode: string; municipality: { oin: string } }>(
      'GET',
      '/v1/postcodes/3531%20CL',
    );
    expect(full.status).to.equal(200);
    expect(full.body.postcode).to.equal('3531');
    expect(full.body.municipality.oin).to.equal(devOin('gemeente'));
    const deMeern = await energie.raw<{ municipality: { oin: string } }>(
      'GET',
      '/v1/postcodes/3453',
    );
    expect(deMeern.body.municipality.oin).to.equal(devOin('gemeente'));
    const amersfoort = await energie.raw<{ municipality: { oin: string } }>(
      'GET',
      '/v1/postcodes/3815',
    );
    expect(amersfoort.body.municipality.oin).to.equal(devOin('gemeente-amersfoort'));
    const groningen = await energie.raw('GET', '/v1/postcodes/9711');
    expect(groningen.status).to.equal(404);
    expect(problemOf(groningen).code).to.equal('POSTCODE_UNSERVED');
    const nonsense = await energie.raw('GET', '/v1/postcodes/utrecht');
    expect(nonsense.status).to.equal(400);
  });

  it('answers for a suspended municipality as the hub refuses a signal to it: RECIPIENT_SUSPENDED', async () => {
    const amersfoort = devOin('gemeente-amersfoort');
    await testHub.hub.registry.setStatus(amersfoort, 'suspended');
    try {
      const lookup = await testHub.client('energie').raw('GET', '/v1/postcodes/3815');
      expect(lookup.status).to.equal(404);
      expect(problemOf(lookup).code).to.equal('RECIPIENT_SUSPENDED');
      const payload = signalPayload();
      payload['adres'] = {
        straat: 'Langestraat',
        huisnummer: 3,
        postcode: '3811 AA',
        woonplaats: 'Amersfoort',
      };
      const refused = await testHub
        .client('energie')
        .submit(signal(testHub, { from: 'energie', to: 'gemeente-amersfoort', payload }));
      expect(refused.status).to.equal(422);
      expect(problemOf(refused).code).to.equal('RECIPIENT_SUSPENDED');
    } finally {
      await testHub.hub.registry.setStatus(amersfoort, 'active');
    }
    const again = await testHub.client('energie').raw('GET', '/v1/postcodes/3815');
    expect(again.status).to.equal(200);
  });

  it('shows the postal areas and the kinds of fixed cost in the directory', async () => {
    const response = await testHub.client('energie').participants('vroegsignalering');
    const byOin = new Map(response.body.items.map((entry) => [entry.oin, entry]));
    expect(byOin.get(devOin('gemeente'))?.postcodegebieden).to.deep.equal([
      '3451-3455',
      '3500-3585',
    ]);
    expect(byOin.get(devOin('energie'))?.vasteLasten).to.deep.equal(['energie']);
    expect(byOin.has(devOin('kredietbank')), 'a credit bank takes no signals').to.equal(false);
  });

  it("delivers an energy company's signal for Utrecht to Gemeente Utrecht and nobody else, and counts its outcome", async () => {
    const before = await reach();
    const sent = signal(testHub, { from: 'energie', to: 'gemeente' });
    const id = sent.envelope.messageId;
    const accepted = await testHub.client('energie').submit(sent);
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
    expect(await mailboxOf('gemeente')).to.include(id);
    for (const other of ['gemeente-amersfoort', 'woningcorporatie', 'waterbedrijf', 'energie']) {
      expect(await mailboxOf(other), other).not.to.include(id);
      const fetched = await testHub.client(other).fetchMessage(id);
      expect(fetched.status, other).to.be.oneOf([403, 404]);
    }
    const delivered = await testHub.client('gemeente').fetchMessage(id);
    expect(delivered.status).to.equal(200);
    expect(delivered.body.envelope.postcode).to.equal('3531');
    const stored = await testHub.hub.ledger.getMessage(id);
    expect(stored?.metadata).to.deep.equal({ vasteLast: 'energie' });

    const answer = outcome(testHub, sent);
    const answered = await testHub.client('gemeente').submit(answer);
    expect(answered.status, JSON.stringify(answered.body)).to.equal(201);
    const received = await testHub.client('energie').fetchMessage(answer.envelope.messageId);
    expect(received.status).to.equal(200);
    expect(Object.keys(received.body.payload).sort()).to.deep.equal(['datum', 'uitkomst']);
    expect(
      (await testHub.hub.ledger.getMessage(answer.envelope.messageId))?.metadata,
    ).to.deep.equal({ uitkomst: 'bereikt' });
    // The outcome closes the signal's conversation.
    expect(
      (await testHub.hub.ledger.getConversation(sent.envelope.conversationId))?.status,
    ).to.equal('closed');

    const after = await reach();
    expect(after.total.signals - before.total.signals).to.equal(1);
    expect(after.total.reached - before.total.reached).to.equal(1);
    const utrecht = after.municipalities.find((row) => row.oin === devOin('gemeente'));
    expect(utrecht).to.include({ name: 'Gemeente Utrecht, Schuldhulpverlening' });
    expect(utrecht?.uitkomsten.bereikt).to.be.at.least(1);
    const energy = after.vasteLasten.find((row) => row.vasteLast === 'energie');
    expect(energy?.reached).to.be.at.least(1);
    expect(after.municipalities.map((row) => row.oin)).not.to.include(
      devOin('gemeente-amersfoort'),
    );
  });

  it('counts a signal not yet answered, and one not reached, in the share reached', async () => {
    const housing = signal(testHub, {
      from: 'woningcorporatie',
      to: 'gemeente',
      payload: signalPayload('woningcorporatie-de-meern'),
    });
    expect((await testHub.client('woningcorporatie').submit(housing)).status).to.equal(201);
    const unanswered = signal(testHub, { from: 'energie', to: 'gemeente' });
    expect((await testHub.client('energie').submit(unanswered)).status).to.equal(201);
    const notReached = outcome(testHub, housing, {
      uitkomst: 'niet-bereikt',
      datum: '2026-11-25',
    });
    expect((await testHub.client('gemeente').submit(notReached)).status).to.equal(201);
    // The energy company sees neither the housing corporation's signal nor its outcome.
    expect(await mailboxOf('energie')).not.to.include(notReached.envelope.messageId);
    const figures = await reach();
    expect(figures.total).to.include({ signals: 3, answered: 2, reached: 1 });
    expect(figures.total.shareReached).to.equal(0.3333);
    const housingRow = figures.vasteLasten.find((row) => row.vasteLast === 'woningcorporatie');
    expect(housingRow).to.include({ signals: 1, answered: 1, reached: 0, shareReached: 0 });
    expect(housingRow?.uitkomsten['niet-bereikt']).to.equal(1);
  });

  it('reads the reach figures over at most 366 days, refusing a longer period with USAGE_INVALID', async () => {
    const year = await reach.raw('?from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:00Z');
    expect(year.status, JSON.stringify(year.body)).to.equal(200);
    const longer = await reach.raw('?from=1970-01-01T00:00:00Z&to=2026-11-16T00:00:00Z');
    expect(longer.status).to.equal(400);
    expect(longer.body).to.include({ code: 'USAGE_INVALID' });
    expect(String(longer.body['detail'])).to.match(
      /spans 20773 days; it may span at most 366 days/,
    );
  });

  it('refuses a signal to a municipality that does not serve the area: RECIPIENT_NOT_RESPONSIBLE', async () => {
    const wrong = signal(testHub, { from: 'energie', to: 'gemeente-amersfoort' });
    const response = await testHub.client('energie').submit(wrong);
    expect(response.status).to.equal(422);
    const problem = problemOf(response);
    expect(problem.code).to.equal('RECIPIENT_NOT_RESPONSIBLE');
    expect(problem.detail).to.include(devOin('gemeente'));
    expect(await mailboxOf('gemeente-amersfoort')).not.to.include(wrong.envelope.messageId);
  });

  it('refuses a signal for a postal area no municipality serves: POSTCODE_UNSERVED', async () => {
    const payload = signalPayload();
    payload['adres'] = {
      straat: 'Oude Ebbingestraat',
      huisnummer: 12,
      postcode: '9712 HA',
      woonplaats: 'Groningen',
    };
    const response = await testHub
      .client('energie')
      .submit(signal(testHub, { from: 'energie', to: 'gemeente', payload }));
    expect(response.status).to.equal(422);
    expect(problemOf(response).code).to.equal('POSTCODE_UNSERVED');
  });

  it('refuses an envelope postcode the address does not lie in, and a signal without one', async () => {
    const mismatch = await testHub
      .client('energie')
      .submit(signal(testHub, { from: 'energie', to: 'gemeente', postcode: '3532' }));
    expect(mismatch.status).to.equal(422);
    expect(problemOf(mismatch).code).to.equal('POSTCODE_MISMATCH');
    const without = await testHub
      .client('energie')
      .submit(signal(testHub, { from: 'energie', to: 'gemeente', postcode: null }));
    expect(without.status).to.equal(422);
    expect(problemOf(without).code).to.equal('POSTCODE_REQUIRED');
  });

  it('takes signals only from a creditor that declares the fixed cost (not a telecom company)', async () => {
    const response = await testHub
      .client('telecom')
      .submit(signal(testHub, { from: 'telecom', to: 'gemeente' }));
    expect(response.status).to.equal(403);
    expect(problemOf(response).code).to.equal('ROLE_NOT_ALLOWED');
  });

  it('refuses an outcome that carries personal data (the schema has no place for it)', async () => {
    const sent = signal(testHub, { from: 'energie', to: 'gemeente' });
    expect((await testHub.client('energie').submit(sent)).status).to.equal(201);
    const chatty = outcome(testHub, sent, {
      uitkomst: 'bereikt',
      datum: '2026-11-18',
      toelichting: 'Mevrouw heeft schulden bij drie partijen.',
    });
    const response = await testHub.client('gemeente').submit(chatty);
    expect(response.status).to.equal(422);
    expect(problemOf(response).code).to.equal('SCHEMA_INVALID');
  });

  it('lets an operator onboard a municipality with its postal areas, and refuses an overlap', async () => {
    const { password } = await testHub.hub.operators.accounts.add('an.admin', 'admin', 'test');
    const login = await fetch(`${testHub.baseUrl}/v1/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'an.admin', password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const onboard = (postcodegebieden: string[], versions: object = {}) =>
      fetch(`${testHub.baseUrl}/v1/operator/participants`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          oin: '00000001001718602000',
          name: 'Gemeente Nieuwegein, Schuldhulpverlening',
          kind: 'schuldhulpverlener-fase-1',
          postcodegebieden,
          ...versions,
        }),
      });
    // Areas without 2.1: the directory would name a municipality that takes no signal.
    const onlyTwoZero = await onboard(['3430-3439'], { acceptedVersions: ['2.0'] });
    expect(onlyTwoZero.status).to.equal(400);
    const problem = (await onlyTwoZero.json()) as { code: string; detail: string };
    expect(problem.code).to.equal('USAGE_INVALID');
    expect(problem.detail).to.match(/declares postal areas .* only in version 2\.1/);
    const overlapping = await onboard(['3430-3439', '3584']);
    expect(overlapping.status).to.equal(400);
    expect(((await overlapping.json()) as { code: string }).code).to.equal('USAGE_INVALID');
    const created = await onboard(['3430-3439']);
    expect(created.status).to.equal(201);
    expect(
      ((await created.json()) as { postcodegebieden: string[] }).postcodegebieden,
    ).to.deep.equal(['3430-3439']);
    const found = await testHub
      .client('energie')
      .raw<{ municipality: { name: string } }>('GET', '/v1/postcodes/3431');
    expect(found.body.municipality.name).to.equal('Gemeente Nieuwegein, Schuldhulpverlening');
  });

  it('leaves a ledger whose chain vouches for what the figures are made of', async () => {
    const report = await verifyChain(testHub.hub.ledger);
    expect(report.problems).to.deep.equal([]);
  });
});
