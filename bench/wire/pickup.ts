/**
 * The recipients of `npm run bench`, picking up as a participant's system does over REST:
 * each long-polls its mailbox (`GET /v1/mailbox?wait=`), notes when a message first shows
 * there — the end of its end-to-end latency — and acknowledges it
 * (`POST /v1/messages/{id}/ack`), so the next poll waits for new ones.
 */
import type { WireClient } from './http_client.ts';

/** Long-poll time of one mailbox request, seconds. */
const WAIT_SECONDS = 2;
/** Acknowledgements one recipient has in flight. */
const ACKS_AT_ONCE = 4;

/**
 * Acknowledges one message; a 429 or 5xx (say `LEDGER_UNAVAILABLE` from a busy ledger) is tried
 * again a few times, as the SDK's client does. Whether it was confirmed.
 */
async function acknowledge(
  client: WireClient,
  id: string,
  authorization: string,
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const ack = await client.send('POST', `/v1/messages/${id}/ack`, { authorization });
    if (ack.status === 200) return true;
    if ((ack.status !== 429 && ack.status < 500) || attempt === 5) {
      console.error(`ack ${id}: HTTP ${ack.status} ${ack.body.slice(0, 300)}`);
      return false;
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
      let next = 0;
      await Promise.all(
        Array.from({ length: ACKS_AT_ONCE }, async () => {
          while (next < ids.length) {
            const id = ids[next++] as string;
            if (!(await acknowledge(client, id, authorization))) ackFailures += 1;
          }
        }),
      );
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
