/**
 * What operators see never holds a payload or a BSN: after messages with a debtor's BSN (one
 * accepted for a public body, one refused for a creditor that may not receive it), a payload
 * that breaks its schema with a BSN in the offending field, and a body that is no JSON at all,
 * none of the payload's values and no BSN appears in a log line (debug level), a metric, the
 * console's page or any answer of the operator API — errors included.
 */
import { expect } from 'chai';
import { createLogger } from '../../../src/ops/logger.ts';
import { examplePayload } from '../../support/examples.ts';
import { payloadStrings } from '../../support/no_payload.ts';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { kennisgeving, saldoverzoek } from '../rest/rest_world.ts';

/** A BSN that passes the eleven test, put where the schema has no field for it. */
const STRAY_BSN = '111222333';

describe('operators: no payload and no BSN reach logs, metrics, the console or its API', function () {
  this.timeout(60_000);
  let testHub: TestHub;
  const lines: string[] = [];

  before(async () => {
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    testHub = await startTestHub({ logger });
  });
  after(async () => testHub?.stop());

  it('shows metadata only, also for what it refused', async () => {
    const gemeente = testHub.client('gemeente');
    const withBsn = examplePayload('kennisgeving', 'met-bsn', { keepBsn: true });
    const bsn = String((withBsn['schuldenaar'] as Record<string, unknown>)['bsn']);
    expect(bsn).to.match(/^\d{9}$/);
    const accepted = kennisgeving(testHub, 'gemeente', 'belastingdienst', { payload: withBsn });
    expect((await gemeente.submit(accepted)).status).to.equal(201);
    const refused = kennisgeving(testHub, 'gemeente', 'energie', { payload: withBsn });
    expect((await gemeente.submit(refused)).status).to.equal(422);
    const invalid = examplePayload('saldoverzoek');
    (invalid['schuldenaar'] as Record<string, unknown>)['bsnNummer'] = STRAY_BSN;
    const broken = saldoverzoek(testHub, 'gemeente', 'energie', { payload: invalid });
    expect((await gemeente.submit(broken)).status).to.equal(422);
    const garbage = await gemeente.raw('POST', '/v1/messages', {
      body: `{"payload": {"bsn": "${STRAY_BSN}"`,
      headers: { 'content-type': 'application/json' },
    });
    expect(garbage.status).to.equal(400);

    const { password } = await testHub.hub.operators.accounts.add('anna', 'admin', 'test');
    const login = await fetch(`${testHub.baseUrl}/v1/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'anna', password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const seen: string[] = [];
    const get = async (path: string) => {
      const response = await fetch(`${testHub.baseUrl}${path}`, { headers: { cookie } });
      seen.push(await response.text());
      return response.status;
    };
    const id = accepted.envelope.messageId;
    for (const path of [
      '/v1/operator/overview',
      '/v1/operator/messages',
      `/v1/operator/messages/${id}`,
      `/v1/operator/conversations/${accepted.envelope.conversationId}`,
      '/v1/operator/deadlines',
      '/v1/operator/rejections',
      '/v1/operator/queues',
      '/v1/operator/participants',
      '/v1/operator/alerts',
      '/v1/operator/ledger',
      '/v1/operator/audit',
    ]) {
      expect(await get(path), path).to.equal(200);
    }
    expect(await get(`/v1/operator/messages?messageId=${STRAY_BSN}`)).to.equal(200);
    expect(await get(`/v1/operator/messages?sender=${STRAY_BSN}`)).to.equal(400); // an error
    expect(await get('/metrics')).to.equal(200);
    expect(await get('/console/')).to.be.oneOf([200, 404]); // 404 when the console is not built

    const names = (await testHub.hub.registry.list()).map((p) => p.name);
    const secrets = [
      bsn,
      STRAY_BSN,
      ...payloadStrings(withBsn).filter((value) => value.length >= 6),
    ]
      .filter((value) => !value.startsWith('0000000')) // OINs are metadata
      // So is a participant's name, which a payload may also give (the creditor's name).
      .filter((value) => !names.some((name) => name.includes(value)));
    expect(secrets.length).to.be.greaterThan(3);
    const everything = [...seen, ...lines].join('\n');
    // The operator may search for a value; the answer must not echo what it found in a payload.
    const echoed = `messageId=${STRAY_BSN}`;
    for (const secret of secrets) {
      const occurrences = everything.split(secret).length - 1;
      const fromTheQuery = secret === STRAY_BSN ? everything.split(echoed).length - 1 : 0;
      expect(occurrences - fromTheQuery, secret).to.equal(0);
    }
    expect(lines.length).to.be.greaterThan(5);
  });
});
