/**
 * The measured phase every hub figure of `npm run bench` comes from — a closed-loop row, an
 * open-loop rate, a size of the growth curve, the soak: the recipients start picking up, the
 * load runs, every message the hub accepted is waited for in its mailbox, and the recipients
 * stop. What a caller measures (the hub's CPU and memory, response times) it measures around
 * its own load, so the phase's other steps stay out of its figures.
 */
import { tokensFor } from './cast.ts';
import type { Cast } from './cast.ts';
import { WireClient } from './http_client.ts';
import { awaitSeen, startPickup } from './pickup.ts';

/** How long to wait for one more accepted message to show in a mailbox before giving up, ms. */
const QUIET_MS = 30_000;
/** The recipients' connections per recipient: a long poll, then its acknowledgement, in turn. */
const PICKUP_SOCKETS_PER_RECIPIENT = 1;

/** Bearer tokens of the cast's organisations and creditors, by OIN. */
export async function takeTokens(baseUrl: string, cast: Cast): Promise<Map<string, string>> {
  const admin = new WireClient(baseUrl, 4);
  try {
    return await tokensFor(admin, baseUrl, [...cast.organisations, ...cast.creditors]);
  } finally {
    admin.close();
  }
}

/** Options of one measured phase. */
export interface PhaseOptions<R> {
  readonly baseUrl: string;
  /** Bearer tokens by OIN, the senders' and the recipients' (a long run renews them in place). */
  readonly tokens: ReadonlyMap<string, string>;
  /** Connections of the senders' client. */
  readonly connections: number;
  /** Whether the recipients pick up; when not, nothing is waited for. @defaultValue true */
  readonly pickup?: boolean;
  /** Sends the load with `client` and measures it; throws when the hub refused a message. */
  readonly load: (client: WireClient) => Promise<R>;
  /** The ids of the messages the hub accepted during `load`. */
  readonly accepted: (result: R) => Iterable<string>;
}

/** What a measured phase gave. */
export interface PhaseResult<R> {
  /** What `load` returned. */
  readonly result: R;
  /** When each message first showed in its mailbox (performance.now()). */
  readonly seenAt: ReadonlyMap<string, number>;
  /** Acknowledgements the hub refused (should stay 0). */
  readonly ackFailures: number;
}

/**
 * Runs one measured phase against the hub at `baseUrl`; throws when an accepted message never
 * showed in its mailbox.
 */
export async function measuredPhase<R>(options: PhaseOptions<R>): Promise<PhaseResult<R>> {
  const { baseUrl, tokens, pickup: pickingUp = true } = options;
  const client = new WireClient(baseUrl, options.connections);
  const pickupClient = new WireClient(baseUrl, tokens.size * PICKUP_SOCKETS_PER_RECIPIENT);
  const pickup = startPickup(pickupClient, pickingUp ? tokens : new Map<string, string>());
  try {
    let result: R;
    try {
      result = await options.load(client);
    } catch (error) {
      // Not waited for: the caller stops the hub next, which ends the last polls.
      pickup.stop().catch(() => undefined);
      throw error;
    }
    const missing = pickingUp ? await awaitSeen(pickup, options.accepted(result), QUIET_MS) : 0;
    await pickup.stop();
    if (missing > 0) throw new Error(`${missing} accepted messages never showed in a mailbox`);
    return { result, seenAt: pickup.seenAt, ackFailures: pickup.ackFailures() };
  } finally {
    client.close();
    pickupClient.close();
  }
}
