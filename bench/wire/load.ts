/**
 * The closed loop of `npm run bench`: `lanes` concurrent senders, each sending its own list of
 * messages one after the other (a conversation's request before its answer) over one
 * keep-alive client until the time is up, recording when each message was submitted and how
 * long its response took.
 */
import type { WireClient } from './http_client.ts';
import type { Shot } from './cast.ts';

/** What a phase of sending gave. */
export interface LoadResult {
  /** Requests completed. */
  readonly sent: number;
  /** Answered 200/201. */
  readonly accepted: number;
  /** Wall time from the first request to the last response, ms. */
  readonly elapsedMs: number;
  /** Response time of every accepted message, ms, sorted. */
  readonly responseMs: readonly number[];
  /** Refusals by HTTP status, and the first refusal's body (for the failure message). */
  readonly refused: ReadonlyMap<number, number>;
  readonly firstRefusal: string | undefined;
  /** When each accepted message was submitted (performance.now()). */
  readonly submittedAt: ReadonlyMap<string, number>;
}

/** Options of one phase. */
export interface LoadOptions {
  readonly client: WireClient;
  /** One list of messages per concurrent sender. */
  readonly lanes: readonly (readonly Shot[])[];
  readonly durationMs: number;
  /** Bearer tokens by OIN (the echo server gets them too: the same request heads). */
  readonly tokens: ReadonlyMap<string, string>;
  /** Start a lane's list again when it is used up (the echo server takes a body twice). */
  readonly cycle?: boolean;
}

/** Runs one closed-loop phase. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { client, lanes, durationMs, tokens, cycle = false } = options;
  const responseMs: number[] = [];
  const refused = new Map<number, number>();
  const submittedAt = new Map<string, number>();
  let firstRefusal: string | undefined;
  let sent = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    lanes.map(async (lane) => {
      for (let i = 0; lane.length > 0 && performance.now() < deadline; i += 1) {
        if (i >= lane.length && !cycle) break;
        const shot = lane[i % lane.length] as Shot;
        const began = performance.now();
        const response = await client.send(
          'POST',
          '/v1/messages',
          { authorization: `Bearer ${tokens.get(shot.sender) ?? ''}` },
          shot.body,
        );
        sent += 1;
        if (response.status === 200 || response.status === 201) {
          responseMs.push(performance.now() - began);
          submittedAt.set(shot.id, began);
        } else {
          refused.set(response.status, (refused.get(response.status) ?? 0) + 1);
          firstRefusal ??= response.body.slice(0, 800);
        }
      }
    }),
  );
  return {
    sent,
    accepted: responseMs.length,
    elapsedMs: performance.now() - start,
    responseMs: responseMs.sort((a, b) => a - b),
    refused,
    firstRefusal,
    submittedAt,
  };
}

/** Deals conversations out to `count` lanes, each lane keeping a request before its answer. */
export function dealLanes(pairs: readonly (readonly [Shot, Shot])[], count: number): Shot[][] {
  const lanes = Array.from({ length: count }, () => [] as Shot[]);
  pairs.forEach((pair, i) => lanes[i % count]?.push(...pair));
  return lanes;
}

/** The value at quantile `q` of sorted values (nearest rank); NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}
