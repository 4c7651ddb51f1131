/**
 * The dead-letter queue's bounds as the hub hands them to RabbitMQ: a policy on exactly that
 * queue with the configured maximum (oldest dropped) and TTL; when each dead letter goes; and a
 * management API that refuses the policy leaves the hub running, with a warning.
 */
import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { GetMessage } from 'amqplib';
import { NAMES, TransportError } from '@knooppunt/standard';
import { createLogger } from '../../../../src/ops/logger.ts';
import {
  applyDeadLetterPolicy,
  DEAD_LETTER_POLICY,
  deadLetterPolicy,
  deadLetterTtlMs,
} from '../../../../src/transports/amqp/dead_letter_policy.ts';
import { describeDeadLetter } from '../../../../src/transports/amqp/dead_letters.ts';

describe('AMQP transport: the dead-letter policy', () => {
  it('bounds exactly the dead-letter queue: max-length, drop-head, message-ttl in ms', () => {
    const policy = deadLetterPolicy({ max: 10_000, days: 7 });
    expect(policy).to.deep.include({
      'apply-to': 'queues',
      definition: { 'max-length': 10_000, overflow: 'drop-head', 'message-ttl': 604_800_000 },
    });
    const pattern = new RegExp(policy.pattern);
    expect(pattern.test(NAMES.deadLetterQueue)).to.equal(true);
    for (const name of [
      NAMES.inboundQueue,
      `${NAMES.deadLetterQueue}-2`,
      'knooppunt-dead-letters',
    ]) {
      expect(pattern.test(name), name).to.equal(false);
    }
    expect(deadLetterTtlMs(1 / 86_400)).to.equal(1000);
    expect(deadLetterTtlMs(0.5)).to.equal(43_200_000);
  });

  it('says when a dead letter goes: its x-death time plus the TTL, when both are known', () => {
    const message = (headers: Record<string, unknown>) =>
      ({
        content: Buffer.from('{}'),
        properties: { headers },
        fields: {},
      }) as unknown as GetMessage;
    const dead = message({
      'x-death': [{ reason: 'rejected', time: { '!': 'timestamp', value: 1_767_225_600 } }],
    });
    expect(describeDeadLetter(dead, 7 * 86_400_000)).to.include({
      deadLetteredAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-08T00:00:00.000Z',
    });
    expect(describeDeadLetter(dead)).to.not.have.property('expiresAt');
    expect(describeDeadLetter(message({}), 1000)).to.not.have.property('expiresAt');
  });

  it('warns and goes on when the management API does not take the policy', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );
    const refusing = {
      putPolicy: async () => {
        throw new TransportError('BROKER_UNAVAILABLE', 'management API unreachable');
      },
    };
    expect(await applyDeadLetterPolicy(refusing, { max: 2, days: 1 }, logger)).to.equal(false);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({
      level: 40,
      policy: DEAD_LETTER_POLICY,
      code: 'BROKER_UNAVAILABLE',
    });

    const taken: unknown[] = [];
    const taking = {
      putPolicy: async (name: string, policy: unknown) => void taken.push([name, policy]),
    };
    expect(await applyDeadLetterPolicy(taking, { max: 2, days: 1 }, logger)).to.equal(true);
    expect(taken).to.deep.equal([[DEAD_LETTER_POLICY, deadLetterPolicy({ max: 2, days: 1 })]]);
  });
});
