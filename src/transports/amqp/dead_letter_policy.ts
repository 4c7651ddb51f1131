/**
 * The bounds of the dead-letter queue, enforced by the broker: at most `max` dead letters
 * (past it the oldest is dropped) and none older than `days`. A dead letter holds a whole
 * message, payload and personal data included, so it must not outlive the hub's retention.
 *
 * The hub sets them as a RabbitMQ policy at start-up, not as queue arguments: the arguments of
 * an existing queue cannot change (declaring it again with others fails with
 * PRECONDITION_FAILED), a policy can, and every hub process setting the same one is harmless
 * (https://www.rabbitmq.com/docs/parameters#policies). Quorum queues take `max-length`,
 * `overflow: drop-head` and `message-ttl` from a policy
 * (https://www.rabbitmq.com/docs/quorum-queues;
 * https://www.rabbitmq.com/docs/maxlength; https://www.rabbitmq.com/docs/ttl).
 */
import { NAMES } from '@knooppunt/standard';
import type { KnooppuntError } from '@knooppunt/standard';
import type { Logger } from '../../ops/logger.ts';
import type { Provisioning } from './provisioning.ts';

/** The policy's name on the hub's vhost. */
export const DEAD_LETTER_POLICY = 'knooppunt-dead-letters';

/**
 * Only one policy applies to a queue, the matching one of the highest priority: above a
 * catch-all policy at the default 0. Operators who want to add to it use an operator policy,
 * which RabbitMQ combines with this one (the lower limit wins).
 */
const PRIORITY = 10;

const DAY_MS = 86_400_000;

/** How many dead letters the broker keeps, and for how long. */
export interface DeadLetterBounds {
  /** Most dead letters kept. */
  readonly max: number;
  /** Days one is kept (fractions allowed). */
  readonly days: number;
}

/** The message TTL of `days`, in whole milliseconds (RabbitMQ wants an integer). */
export function deadLetterTtlMs(days: number): number {
  return Math.round(days * DAY_MS);
}

/** The policy document for the management API (pure). */
export function deadLetterPolicy(bounds: DeadLetterBounds): {
  pattern: string;
  'apply-to': 'queues';
  priority: number;
  definition: { 'max-length': number; overflow: 'drop-head'; 'message-ttl': number };
} {
  return {
    // Exactly the dead-letter queue, nothing that merely starts with its name.
    pattern: `^${NAMES.deadLetterQueue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
    'apply-to': 'queues',
    priority: PRIORITY,
    definition: {
      'max-length': bounds.max,
      overflow: 'drop-head',
      'message-ttl': deadLetterTtlMs(bounds.days),
    },
  };
}

/**
 * Sets the policy; true when it was set. A management API that does not answer or refuses is
 * no reason to stay down: the hub warns and goes on, with the dead letters unbounded (or bound
 * as the last start left them) until a start that reaches it.
 */
export async function applyDeadLetterPolicy(
  provisioning: Pick<Provisioning, 'putPolicy'>,
  bounds: DeadLetterBounds,
  logger: Logger,
): Promise<boolean> {
  const policy = deadLetterPolicy(bounds);
  try {
    await provisioning.putPolicy(DEAD_LETTER_POLICY, policy);
    logger.info(
      { policy: DEAD_LETTER_POLICY, ...policy.definition },
      'dead-letter queue bounded by a broker policy',
    );
    return true;
  } catch (error) {
    logger.warn(
      {
        policy: DEAD_LETTER_POLICY,
        code: (error as Partial<KnooppuntError>).code,
        reason: (error as Error).message,
      },
      'could not set the dead-letter policy through the management API; dead letters are not bounded by this start',
    );
    return false;
  }
}
