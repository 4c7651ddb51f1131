/**
 * `GET /metrics` after a scripted flow over REST: the counters and histograms say what was
 * sent — accepted, duplicate and rejected submissions by module, type, transport and code, the
 * time of each pipeline step, delivery and pickup times — and the gauges what waits: the
 * mailbox backlog, answers overdue once the hub's clock passes the deadline, certificates' days
 * to expiry, the ledger's health. No payload content appears in the exposition.
 */
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import { startTestHub, devOin } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { advanceWorkingDays } from '../../support/working_days.ts';

/** One sample of the exposition: its name, labels and value. */
interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses Prometheus' text format (the lines this test reads: no escaped quotes in labels). */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (match === null) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1] as string, labels, value: Number(match[3]) };
    });
}

/** The value of the sample named `name` whose labels include `labels` (0 when there is none). */
function value(all: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = all.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
  );
  return found?.value ?? 0;
}

describe('operators: GET /metrics after a scripted flow', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date());
  let testHub: TestHub;

  before(async () => {
    testHub = await startTestHub({ clock });
  });
  after(async () => testHub?.stop());

  it('counts what was sent and measures what waits, without payload content', async () => {
    const gemeente = testHub.client('gemeente');
    const energie = testHub.client('energie');
    const sent = [0, 1, 2].map(() =>
      saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() }),
    );
    const receivedAt = clock.now().getTime();
    for (const message of sent) expect((await gemeente.submit(message)).status).to.equal(201);
    expect((await gemeente.submit(sent[0] as never)).status).to.equal(200); // a duplicate
    const refused = saldoverzoek(testHub, 'gemeente', 'waarborgfonds', { createdAt: clock.now() });
    expect((await gemeente.submit(refused)).status).to.equal(422); // RECIPIENT_LACKS_MODULE
    const first = sent[0]?.envelope.messageId as string;
    clock.advance(2_000);
    expect((await energie.fetchMessage(first)).status).to.equal(200);
    clock.advance(3_000);
    expect((await energie.ack(first)).status).to.equal(200);
    // Eleven working days on, every saldoverzoek's answer (10 working days) is overdue.
    advanceWorkingDays(clock, 11);

    const response = await fetch(`${testHub.baseUrl}/metrics`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const all = samples(text);
    const saldo = {
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      transport: 'rest',
    };
    expect(value(all, 'knooppunt_messages_total', { ...saldo, outcome: 'accepted' })).to.equal(3);
    expect(value(all, 'knooppunt_messages_total', { ...saldo, outcome: 'duplicate' })).to.equal(1);
    expect(
      value(all, 'knooppunt_messages_total', {
        ...saldo,
        outcome: 'rejected',
        code: 'RECIPIENT_LACKS_MODULE',
      }),
    ).to.equal(1);
    // Every submission was parsed and verified; the three new ones appended.
    expect(value(all, 'knooppunt_pipeline_step_seconds_count', { step: 'parse' })).to.equal(5);
    expect(value(all, 'knooppunt_pipeline_step_seconds_count', { step: 'verify' })).to.equal(5);
    expect(value(all, 'knooppunt_pipeline_step_seconds_count', { step: 'append' })).to.equal(3);
    expect(value(all, 'knooppunt_pipeline_step_seconds_count', { step: 'reject' })).to.equal(1);
    // Delivered after 2 s, picked up after 5 s (the hub's clock).
    const life = { transport: 'rest' };
    expect(
      value(all, 'knooppunt_message_lifetime_seconds_count', { ...life, stage: 'delivered' }),
    ).to.equal(1);
    expect(
      value(all, 'knooppunt_message_lifetime_seconds_sum', { ...life, stage: 'delivered' }),
    ).to.equal(2);
    expect(
      value(all, 'knooppunt_message_lifetime_seconds_sum', { ...life, stage: 'picked_up' }),
    ).to.equal(5);
    expect(
      value(all, 'knooppunt_message_lifetime_seconds_bucket', {
        ...life,
        stage: 'picked_up',
        le: '1',
      }),
    ).to.equal(0);
    expect(
      value(all, 'knooppunt_message_lifetime_seconds_bucket', {
        ...life,
        stage: 'picked_up',
        le: '10',
      }),
    ).to.equal(1);
    // What waits: two saldoverzoeken for the energy company, three answers overdue.
    const energieLabel = { participant: devOin('energie') };
    expect(value(all, 'knooppunt_mailbox_waiting', energieLabel)).to.equal(2);
    // The oldest of them has waited since it came in, by the hub's clock: eleven working days
    // and what is left of the first one (fewer calendar days or more with the date and hour).
    expect(value(all, 'knooppunt_mailbox_oldest_waiting_seconds', energieLabel)).to.be.closeTo(
      (clock.now().getTime() - receivedAt) / 1000,
      1,
    );
    expect(value(all, 'knooppunt_answers_overdue', energieLabel)).to.equal(3);
    expect(value(all, 'knooppunt_answers_overdue_seconds', energieLabel)).to.be.greaterThan(0);
    expect(value(all, 'knooppunt_ledger_up')).to.equal(1);
    expect(value(all, 'knooppunt_outbox_messages')).to.equal(0);
    // Development certificates live 825 days; fifteen have passed.
    expect(value(all, 'knooppunt_certificate_expiry_days', energieLabel)).to.be.within(800, 811);
    // Metadata only: not a word of the payloads.
    const klantnummer = (sent[0]?.payload as { klantnummerSchuldhulpverlener: string })
      .klantnummerSchuldhulpverlener;
    expect(text).to.not.include(klantnummer);
    expect(text).to.not.include('schuldenaar');
  });

  it('makes no label of a module or type the catalogue does not know', async () => {
    const made = saldoverzoek(testHub, 'gemeente', 'energie', {
      createdAt: clock.now(),
      messageType: 'verzonnen-berichttype-123',
    });
    expect((await testHub.client('gemeente').submit(made)).status).to.equal(422);
    const text = await (await fetch(`${testHub.baseUrl}/metrics`)).text();
    expect(text).to.not.include('verzonnen-berichttype-123');
    const all = samples(text);
    expect(
      all.some(
        (s) =>
          s.name === 'knooppunt_messages_total' &&
          s.labels['outcome'] === 'rejected' &&
          s.labels['messageType'] === '' &&
          s.labels['module'] === '',
      ),
    ).to.equal(true);
  });

  it('wants the bearer token when KNOOPPUNT_METRICS_TOKEN is set', async () => {
    const guarded = await startTestHub({
      env: { KNOOPPUNT_METRICS_TOKEN: 'geheim-voor-prometheus' },
    });
    try {
      const none = await fetch(`${guarded.baseUrl}/metrics`);
      expect(none.status).to.equal(401);
      expect(((await none.json()) as { code: string }).code).to.equal('UNAUTHENTICATED');
      const wrong = await fetch(`${guarded.baseUrl}/metrics`, {
        headers: { authorization: 'Bearer geheim-voor-iemand-anders' },
      });
      expect(wrong.status).to.equal(401);
      const right = await fetch(`${guarded.baseUrl}/metrics`, {
        headers: { authorization: 'Bearer geheim-voor-prometheus' },
      });
      expect(right.status).to.equal(200);
      expect(await right.text()).to.include('knooppunt_messages_total');
    } finally {
      await guarded.stop();
    }
  });
});
