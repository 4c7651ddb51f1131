/**
 * The recipients of `npm run bench`, picking up as a participant's system does over REST:
 * each long-polls its mailbox (`GET /v1/mailbox?wait=`), notes when a message first shows
 * there — the end of its end-to-end latency — and acknowledges what it found in one request
 * (`POST /v1/mailbox/ack`), so the next poll waits for new ones.
 */
import type { AckResults } from '@knooppunt/standard';
import type { WireClient } from './http_client.ts';

/** Long-poll time of one mailbox request, seconds. */
const WAIT_SECONDS = 2;
/**
 * Acknowledges the messages of one mailbox page in one request; what the hub could not pick up
 * yet (a 503 outcome, or the request answered 429 or 5xx) is tried again a few times, as the
 * SDK's client would. How many it could not acknowledge.
 */
async function acknowledge(
  client: WireClient,
  ids: readonly string[],
  authorization: string,
): Promise<number> {
  let left = ids;
  for (let attempt = 1; ; attempt += 1) {
    const ack = await client.send(
      'POST',
      '/v1/mailbox/ack',
      { authorization },
      JSON.stringify({ messageIds: left }),
    );
    if (ack.status === 200) {
      const items = (JSON.parse(ack.body) as AckResults).items;
      const failed = items.filter((item) => item.status === 'failed');
      const final = failed.filter((item) => item.problem.status !== 503);
      for (const item of final) console.error(`ack ${item.messageId}: ${item.problem.detail}`);
      left = failed.filter((item) => item.problem.status === 503).map((item) => item.messageId);
      if (left.length === 0 || attempt === 5) return final.length + left.length;
    } else if ((ack.status !== 429 && ack.status < 500) || attempt === 5) {
      console.error(`ack: HTTP ${ack.status} ${ack.body.slice(0, 300)}`);
      return left.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

/** The recipients at work: when each message id was first seen, and how to stop them. */
export interface Pickup {
  readonly seenAt: ReadonlyMap<string, number>;
  /** Acknowledgements the hub refused (should stay 0). */
  readonly ackFailures: () => number;
  /** Stops polling; resolves when every recipient's last poll has returned. */
  stop(): Promise<void>;
}

/** Starts one picking-up loop per recipient OIN (with its bearer token). */
export function startPickup(client: WireClient, tokens: ReadonlyMap<string, string>): Pickup {
  const seenAt = new Map<string, number>();
  let stopped = false;
  let ackFailures = 0;
  const loops = [...tokens.keys()].map(async (oin) => {
    while (!stopped) {
      // Read each time: a long run (the soak) renews the tokens in the map before they expire.
      const authorization = `Bearer ${tokens.get(oin) ?? ''}`;
      const page = await client
        .send('GET', `/v1/mailbox?limit=500&wait=${WAIT_SECONDS}`, { authorization })
        // A kept-alive socket the hub closed as it was reused: read the mailbox again, as a
        // participant's client would (a GET changes nothing).
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNRESET') return undefined;
          throw error;
        });
      if (page === undefined) continue;
      const now = performance.now();
      if (page.status !== 200) throw new Error(`mailbox: HTTP ${page.status} ${page.body}`);
      const ids = (JSON.parse(page.body) as { items: { messageId: string }[] }).items.map(
        (item) => item.messageId,
      );
      for (const id of ids) if (!seenAt.has(id)) seenAt.set(id, now);
      if (ids.length > 0) ackFailures += await acknowledge(client, ids, authorization);
    }
  });
  const all = Promise.all(loops);
  all.catch(() => undefined); // reported by stop()
  return {
    seenAt,
    ackFailures: () => ackFailures,
    async stop() {
      stopped = true;
      await all;
    },
  };
}

/**
 * Waits until every id in `ids` was seen; gives up when `quietMs` pass without one more seen
 * (a slow ledger is not a lost message). Returns how many were never seen.
 */
export async function awaitSeen(
  pickup: Pickup,
  ids: Iterable<string>,
  quietMs: number,
): Promise<number> {
  let missing = [...ids];
  let deadline = performance.now() + quietMs;
  for (;;) {
    const before = missing.length;
    missing = missing.filter((id) => !pickup.seenAt.has(id));
    if (missing.length < before) deadline = performance.now() + quietMs;
    if (missing.length === 0 || performance.now() > deadline) return missing.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
