import { expect } from 'chai';
import { createLogger } from '../../../src/ops/logger.ts';
import { problemOf } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

/** Every string value in a JSON value, for "does the log contain any of this" checks. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringsOf);
}

describe('REST transport: request log and unexpected failures', () => {
  let testHub: TestHub;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    const logger = createLogger('info', {
      write: (line: string) => void lines.push(JSON.parse(line)),
    });
    testHub = await startTestHub({ logger });
  });
  after(() => testHub.stop());

  it('logs one line per request with route template, status, duration, OIN and request id — never the payload', async () => {
    const message = saldoverzoek(testHub, 'gemeente', 'energie');
    const gemeente = testHub.client('gemeente');
    await gemeente.token();
    lines.length = 0;
    const submitted = await gemeente.raw('POST', '/v1/messages', {
      body: message,
      headers: { 'X-Request-Id': 'submit-1' },
    });
    await testHub.client('energie').fetchMessage(message.envelope.messageId);
    const requests = lines.filter((line) => line['msg'] === 'request');
    expect(requests.find((line) => line['requestId'] === 'submit-1')).to.deep.include({
      method: 'POST',
      route: '/v1/messages',
      status: submitted.status,
      participant: devOin('gemeente'),
    });
    expect(requests.some((line) => line['route'] === '/v1/messages/:id')).to.equal(true);
    for (const line of requests) expect(line['durationMs']).to.be.a('number');
    const text = JSON.stringify(lines);
    for (const value of stringsOf(message.payload).filter((v) => v.length >= 6)) {
      expect(text).not.to.include(value);
    }
    expect(text).not.to.include(message.signature);
  });

  it('answers 503 not-ready and 500 INTERNAL with a logged request id when the ledger fails', async () => {
    const gemeente = testHub.client('gemeente');
    await gemeente.token();
    await gemeente.mailbox(); // the participant is now in the registry's cache
    await testHub.hub.ledger.close();
    const ready = await gemeente.raw('GET', '/v1/ready', { auth: 'none' });
    expect(ready.status).to.equal(503);
    expect(ready.body['status']).to.equal('not-ready');
    expect((ready.body['checks'] as Record<string, string>)['ledger']).not.to.equal('ok');
    lines.length = 0;
    const failed = await gemeente.mailbox();
    expect(failed.status).to.equal(500);
    const problem = problemOf(failed);
    expect(problem.code).to.equal('INTERNAL');
    expect(problem.requestId).to.equal(failed.headers.get('x-request-id'));
    const logged = lines.find((line) => line['msg'] === 'request failed');
    expect(logged?.['requestId']).to.equal(problem.requestId);
    expect(logged?.['err']).to.be.an('object');
  });
});
