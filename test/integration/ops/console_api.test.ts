/**
 * The console's API over HTTP, every answer checked against the served OpenAPI document: after
 * a scripted flow over REST the overview counts it, the message log finds it by sender and
 * date, a message and its conversation show their timelines, the deadlines name the creditor
 * once the hub's clock passes the answer deadline, rejections are counted by code and sender,
 * the live flow streams the events; an admin rotates a certificate with an overlap, suspends
 * and activates a participant (each in the audit trail with the operator's name); a viewer
 * can do none of that. No answer holds a payload value.
 */
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import type { Participant } from '../../../src/participants/types.ts';
import { createTestPki } from '../../support/pki_fixtures.ts';
import { startTestHub, devOin } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { payloadStrings } from '../../support/no_payload.ts';

const DAY_MS = 86_400_000;

/** An operator's browser: the session cookie and CSRF token, every answer checked. */
class OperatorClient {
  cookie = '';
  csrf = '';
  readonly bodies: string[] = [];
  constructor(readonly testHub: TestHub) {}

  async login(name: string, password: string): Promise<void> {
    const response = await this.call('POST', '/v1/operator/session', { name, password });
    expect(response.status).to.equal(201);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async call(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.testHub.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie === '' ? {} : { cookie: this.cookie }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    this.bodies.push(text);
    this.testHub.openapi.check({
      method,
      path: path.split('?')[0] as string,
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text,
    });
    return new Response(text === '' ? null : text, {
      status: response.status,
      headers: response.headers,
    });
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.call('GET', path);
    expect(response.status, path).to.equal(200);
    return (await response.json()) as T;
  }
}

describe('operators: the console API', function () {
  this.timeout(60_000);
  const start = new Date('2027-02-01T08:00:00.000Z'); // a Monday
  const clock = new ManualClock(start);
  let testHub: TestHub;
  let admin: OperatorClient;
  let viewer: OperatorClient;
  const sent: string[] = [];
  let payloadValues: string[] = [];
  let loginBoth: () => Promise<void>;

  before(async () => {
    testHub = await startTestHub({ clock });
    const accounts = testHub.hub.operators.accounts;
    const anna = await accounts.add('anna.jansen', 'admin', 'test');
    const bart = await accounts.add('bart.viewer', 'viewer', 'test');
    admin = new OperatorClient(testHub);
    viewer = new OperatorClient(testHub);
    loginBoth = async () => {
      await admin.login('anna.jansen', anna.password);
      await viewer.login('bart.viewer', bart.password);
    };
    await loginBoth();

    const gemeente = testHub.client('gemeente');
    for (let i = 0; i < 3; i += 1) {
      const message = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
      payloadValues = [...payloadValues, ...payloadStrings(message.payload)];
      expect((await gemeente.submit(message)).status).to.equal(201);
      sent.push(message.envelope.messageId);
      clock.advance(60_000);
    }
    const refused = saldoverzoek(testHub, 'gemeente', 'waarborgfonds', { createdAt: clock.now() });
    expect((await gemeente.submit(refused)).status).to.equal(422);
    clock.advance(60_000);
    expect((await testHub.client('energie').ack(sent[0] as string)).status).to.equal(200);
  });
  after(async () => testHub?.stop());

  it('counts the flow of a period and the health', async () => {
    const overview = await admin.get<{
      total: number;
      rejected: number;
      counts: { messageType: string; status: string; count: number }[];
      throughput: { count: number }[];
      health: { ledger: { up: boolean; kind: string }; broker?: unknown };
    }>(`/v1/operator/overview?from=${start.toISOString()}&to=${clock.now().toISOString()}`);
    expect(overview.total).to.equal(3);
    expect(overview.rejected).to.equal(1);
    expect(overview.counts).to.deep.include.members([
      { module: 'schuldinventarisatie', messageType: 'saldoverzoek', status: 'accepted', count: 2 },
      {
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        status: 'picked-up',
        count: 1,
      },
    ]);
    expect(overview.throughput).to.have.length(60);
    expect(overview.throughput.reduce((sum, bucket) => sum + bucket.count, 0)).to.equal(3);
    expect(overview.health.ledger).to.deep.equal({ up: true, kind: 'sqlite' });
    expect(overview.health).to.not.have.property('broker'); // no AMQP here
    expect(overview.health).to.have.deep.property('relay', { outbox: 0 });
    const bad = await admin.call('GET', '/v1/operator/overview?from=yesterday');
    expect(bad.status).to.equal(400);
  });

  it('searches the message log by sender, date and pickup, and shows timelines', async () => {
    const gemeente = devOin('gemeente');
    const page = await admin.get<{ items: { messageId: string }[] }>(
      `/v1/operator/messages?sender=${gemeente}&from=${start.toISOString()}&to=${clock.now().toISOString()}`,
    );
    expect(page.items.map((m) => m.messageId)).to.deep.equal([...sent].reverse());
    const notPicked = await admin.get<{ items: { messageId: string }[] }>(
      `/v1/operator/messages?sender=${gemeente}&pickedUp=false&limit=1`,
    );
    expect(notPicked.items.map((m) => m.messageId)).to.deep.equal([sent[2]]);
    const tooEarly = await admin.get<{ items: unknown[] }>(
      `/v1/operator/messages?to=${start.toISOString()}`,
    );
    expect(tooEarly.items).to.deep.equal([]);
    expect((await admin.call('GET', '/v1/operator/messages?sender=123')).status).to.equal(400);

    const detail = await admin.get<{
      message: { status: string; conversationId: string };
      events: { type: string }[];
    }>(`/v1/operator/messages/${sent[0]}`);
    expect(detail.message.status).to.equal('picked-up');
    expect(detail.events.map((e) => e.type)).to.deep.equal(['received', 'picked-up']);
    const conversation = await admin.get<{
      messages: unknown[];
      openAnswers: { messageId: string; overdue: boolean }[];
      events: { type: string }[];
    }>(`/v1/operator/conversations/${detail.message.conversationId}`);
    expect(conversation.messages).to.have.length(1);
    expect(conversation.openAnswers.map((a) => [a.messageId, a.overdue])).to.deep.equal([
      [sent[0], false],
    ]);
    expect(conversation.events.map((e) => e.type)).to.deep.equal([
      'conversation-opened',
      'received',
      'picked-up',
    ]);
    expect((await admin.call('GET', '/v1/operator/messages/nope')).status).to.equal(404);
  });

  it('names the creditor that keeps answers waiting once the deadline has passed', async () => {
    const before = await admin.get<{ creditors: { overdue: number; open: number }[] }>(
      '/v1/operator/deadlines',
    );
    expect(before.creditors).to.have.length(1);
    expect(before.creditors[0]).to.include({ overdue: 0, open: 3 });
    clock.advance(21 * DAY_MS); // 10 working days are long gone
    await loginBoth(); // and so are the sessions (8 hours at most)
    const after = await admin.get<{
      creditors: {
        oin: string;
        name: string;
        overdue: number;
        standsOut: boolean;
        maxWorkingDaysOverdue: number;
      }[];
      open: { overdue: boolean }[];
    }>('/v1/operator/deadlines');
    expect(after.creditors[0]).to.include({ oin: devOin('energie'), overdue: 3, standsOut: true });
    expect(after.creditors[0]?.maxWorkingDaysOverdue).to.be.greaterThan(4);
    expect(after.open.every((answer) => answer.overdue)).to.equal(true);
    const alerts = await admin.get<{ items: { kind: string; participant?: string }[] }>(
      '/v1/operator/alerts',
    );
    expect(alerts.items.map((a) => a.kind)).to.include('ledger-unverified');
  });

  it('counts rejections by code and by sender', async () => {
    const rejections = await admin.get<{
      total: number;
      codes: { code: string; count: number }[];
      participants: { oin: string; count: number }[];
      recent: { codes: string[] }[];
    }>(`/v1/operator/rejections?from=${start.toISOString()}`);
    expect(rejections.total).to.equal(1);
    expect(rejections.codes).to.deep.include({ code: 'RECIPIENT_LACKS_MODULE', count: 1 });
    expect(rejections.participants.map((p) => [p.oin, p.count])).to.deep.equal([
      [devOin('gemeente'), 1],
    ]);
  });

  it('lets an admin rotate a certificate, suspend and activate, all in the audit trail', async () => {
    const energie = devOin('energie');
    const pki = createTestPki({ at: clock.now() });
    // A certificate of the hub's development CA would do as well; the registry checks the OIN.
    const next = pki.participant(energie, 'Energie');
    const rotated = await admin.call('POST', `/v1/operator/participants/${energie}/certificates`, {
      certificatePem: next.issued.certificatePem,
      overlapDays: 7,
    });
    expect(rotated.status).to.equal(200);
    const view = (await rotated.json()) as {
      certificates: { retiresAt?: string; daysToExpiry: number }[];
    };
    expect(view.certificates.filter((c) => c.retiresAt !== undefined)).to.have.length(1);
    expect(
      (await admin.call('POST', `/v1/operator/participants/${energie}/suspend`)).status,
    ).to.equal(200);
    expect(
      (await admin.call('POST', `/v1/operator/participants/${energie}/activate`)).status,
    ).to.equal(200);
    const audit = await admin.get<{ items: { operator: string; action: string }[] }>(
      '/v1/operator/audit',
    );
    expect(audit.items.slice(0, 3).map((i) => [i.operator, i.action])).to.deep.equal([
      ['anna.jansen', 'participant-reactivated'],
      ['anna.jansen', 'participant-suspended'],
      ['anna.jansen', 'participant-certificate-rotated'],
    ]);
    const participants = await viewer.get<{ items: { oin: string; status: string }[] }>(
      '/v1/operator/participants',
    );
    expect(participants.items.find((p) => p.oin === energie)?.status).to.equal('active');
  });

  it('shows an entry edited in the database as differing from its history; an admin restores it', async () => {
    const telecom = devOin('telecom');
    const entry = await testHub.hub.registry.get(telecom);
    await testHub.hub.ledger.putParticipant({ ...(entry as Participant), publicBody: true });
    testHub.hub.registry.clearCache();
    type Listed = { items: { oin: string; history: string; historyDetail?: string }[] };
    const before = await viewer.get<Listed>('/v1/operator/participants');
    expect(before.items.find((p) => p.oin === telecom)).to.deep.include({
      history: 'differs',
      historyDetail: 'publicBody differs from its history',
    });
    expect(before.items.filter((p) => p.history !== 'ok').map((p) => p.oin)).to.deep.equal([
      telecom,
    ]);
    clock.advance(1000); // the audit lists newest first
    const restored = await admin.call('POST', `/v1/operator/participants/${telecom}/restore`);
    expect(restored.status).to.equal(200);
    expect(await restored.json()).to.deep.include({ publicBody: false, history: 'ok' });
    const after = await viewer.get<Listed>('/v1/operator/participants');
    expect(after.items.find((p) => p.oin === telecom)?.history).to.equal('ok');
    const audit = await admin.get<{ items: { operator: string; action: string }[] }>(
      '/v1/operator/audit',
    );
    expect(audit.items[0]).to.deep.include({
      operator: 'anna.jansen',
      action: 'participant-restored-from-history',
    });
  });

  it('refuses every admin action to a viewer, and a change without the CSRF token', async () => {
    const energie = devOin('energie');
    const attempts: [string, string, unknown?][] = [
      ['POST', `/v1/operator/participants/${energie}/suspend`],
      ['POST', `/v1/operator/participants/${energie}/activate`],
      ['POST', `/v1/operator/participants/${energie}/restore`],
      ['POST', `/v1/operator/participants/${energie}/certificates`, { certificatePem: 'x' }],
      ['POST', '/v1/operator/participants', { oin: energie, name: 'x', kind: 'schuldeiser' }],
      ['POST', '/v1/operator/queues/dead-letters/abc/replay'],
      ['DELETE', '/v1/operator/queues/dead-letters/abc'],
    ];
    for (const [method, path, body] of attempts) {
      const response = await viewer.call(method, path, body);
      expect(response.status, `${method} ${path}`).to.equal(403);
      expect(((await response.json()) as { code: string }).code).to.equal('FORBIDDEN');
    }
    const csrf = admin.csrf;
    admin.csrf = 'wrong';
    const refused = await admin.call('POST', `/v1/operator/participants/${energie}/suspend`);
    admin.csrf = csrf;
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as { code: string }).code).to.equal('CSRF_INVALID');
    const anonymous = new OperatorClient(testHub);
    expect((await anonymous.call('GET', '/v1/operator/overview')).status).to.equal(401);
  });

  it('streams the live flow as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${testHub.baseUrl}/v1/operator/flow`, {
      headers: { cookie: admin.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).to.match(/^text\/event-stream/);
    const message = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!new RegExp(`"subject":"${message.envelope.messageId}"`).test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    // Each event as the document describes it (schemathesis found it documented as a string).
    testHub.openapi.check({
      method: 'GET',
      path: '/v1/operator/flow',
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text,
    });
    const event = text
      .split('\n\n')
      .find(
        (block) => block.includes(message.envelope.messageId) && block.includes('"received"'),
      ) as string;
    expect(event).to.match(/^id: .+\nevent: ledger\ndata: /);
    const data = JSON.parse(event.split('data: ')[1] as string) as Record<string, unknown>;
    expect(data).to.include({
      type: 'received',
      messageType: 'saldoverzoek',
      sender: devOin('gemeente'),
    });
    for (const value of payloadStrings(message.payload)) expect(text).to.not.include(value);
  });

  // Found by schemathesis (test/hostile/schemathesis.test.ts): a 503 for a dead letter on a hub
  // without AMQP, and an undocumented 422 for a certificate that cannot be read.
  it('answers a dead letter on a hub without AMQP with 404 DEAD_LETTER_NOT_FOUND, not a 5xx', async () => {
    for (const [method, path] of [
      ['POST', '/v1/operator/queues/dead-letters/0/replay'],
      ['DELETE', '/v1/operator/queues/dead-letters/0'],
    ] as const) {
      const response = await admin.call(method, path);
      expect(response.status, `${method} ${path}`).to.equal(404);
      expect(((await response.json()) as { code: string }).code).to.equal('DEAD_LETTER_NOT_FOUND');
    }
  });

  it('answers a certificate it cannot read with the documented 422 CERT_INVALID', async () => {
    const attempts: [string, unknown][] = [
      [
        '/v1/operator/participants',
        { oin: '00000003000000990000', name: 'x', kind: 'schuldeiser', certificatePem: 'x' },
      ],
      [`/v1/operator/participants/${devOin('energie')}/certificates`, { certificatePem: 'x' }],
    ];
    for (const [path, body] of attempts) {
      const response = await admin.call('POST', path, body);
      expect(response.status, path).to.equal(422);
      expect(((await response.json()) as { code: string }).code).to.equal('CERT_INVALID');
    }
    const participants = await admin.get<{ items: { oin: string }[] }>('/v1/operator/participants');
    expect(participants.items.map((p) => p.oin)).to.not.include('00000003000000990000');
  });

  it('onboards a participant with the versions of the standard it takes, and refuses one the hub does not offer', async () => {
    const oin = '00000003000000880000';
    const created = await admin.call('POST', '/v1/operator/participants', {
      ...{ oin, name: 'Oude Incasso B.V.', kind: 'schuldeiser' },
      acceptedVersions: ['2.0'],
    });
    expect(created.status).to.equal(201);
    expect(
      ((await created.json()) as { acceptedVersions: string[] }).acceptedVersions,
    ).to.deep.equal(['2.0']);
    expect((await testHub.hub.registry.get(oin))?.acceptedVersions).to.deep.equal(['2.0']);
    const listed = await viewer.get<{ items: { oin: string; acceptedVersions: string[] }[] }>(
      '/v1/operator/participants',
    );
    expect(listed.items.find((p) => p.oin === devOin('gemeente'))?.acceptedVersions).to.include(
      '2.1',
    );
    const refused = await admin.call('POST', '/v1/operator/participants', {
      ...{ oin: '00000003000000770000', name: 'x', kind: 'schuldeiser' },
      acceptedVersions: ['1.0'],
    });
    expect(refused.status).to.equal(400);
    expect(((await refused.json()) as { code: string }).code).to.equal('USAGE_INVALID');
    expect(await testHub.hub.registry.get('00000003000000770000')).to.equal(undefined);
  });

  it('never answers a payload value', async () => {
    // A participant's name may also stand in a payload (the creditor's name): it is no leak.
    const names = (await testHub.hub.registry.list()).map((p) => p.name);
    const secrets = payloadValues.filter((value) => !names.some((name) => name.includes(value)));
    expect(secrets.length).to.be.greaterThan(3);
    const all = [...admin.bodies, ...viewer.bodies].join('\n');
    for (const value of secrets) expect(all).to.not.include(value);
  });
});
