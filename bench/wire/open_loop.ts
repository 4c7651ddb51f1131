/**
 * The open loop of `npm run bench`: messages sent at a fixed offered rate whatever the hub's
 * answers, so latency under a given load is not hidden by senders that wait (coordinated
 * omission). Each latency counts from the message's scheduled time. A conversation's answer is
 * scheduled `answerLagMs` after its request; should the request not be accepted by then, the
 * answer waits for it, and that wait is part of its latency.
 */
import type { Shot } from './cast.ts';
import type { WireClient } from './http_client.ts';

/** What an open-loop phase gave. */
export interface OpenLoopResult {
  /** Messages scheduled per second over the schedule's span. */
  readonly offeredPerSecond: number;
  readonly sent: number;
  readonly accepted: number;
  /** First scheduled send → last response, ms. */
  readonly elapsedMs: number;
  /** Scheduled time → response, ms, sorted. */
  readonly responseMs: readonly number[];
  /** When each accepted message was due (performance.now()). */
  readonly dueAt: ReadonlyMap<string, number>;
  readonly refused: number;
  readonly firstRefusal: string | undefined;
}

/** Sends `pairs` at `rate` messages per second (requests and answers together). */
export async function runOpenLoop(options: {
  readonly client: WireClient;
  readonly pairs: readonly (readonly [Shot, Shot])[];
  readonly rate: number;
  readonly tokens: ReadonlyMap<string, string>;
  /** @defaultValue 200 */
  readonly answerLagMs?: number;
}): Promise<OpenLoopResult> {
  const { client, pairs, rate, tokens, answerLagMs = 200 } = options;
  const interval = 1000 / rate;
  // Requests on even slots; answer i on the odd slot `lag` pairs after its request.
  const lag = Math.ceil(answerLagMs / (2 * interval));
  const schedule: { slot: number; shot: Shot; pair: number }[] = [];
  pairs.forEach(([request, answer], i) => {
    schedule.push({ slot: 2 * i, shot: request, pair: i });
    schedule.push({ slot: 2 * (i + lag) + 1, shot: answer, pair: i });
  });
  schedule.sort((a, b) => a.slot - b.slot);
  const requestDone = pairs.map(() => {
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    return { done, settle };
  });
  const responseMs: number[] = [];
  const dueAt = new Map<string, number>();
  let refused = 0;
  let firstRefusal: string | undefined;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const fire = async (shot: Shot, pair: number, isRequest: boolean, due: number) => {
    if (!isRequest) await requestDone[pair]?.done;
    const response = await client.send(
      'POST',
      '/v1/messages',
      { authorization: `Bearer ${tokens.get(shot.sender) ?? ''}` },
      shot.body,
    );
    if (response.status === 200 || response.status === 201) {
      responseMs.push(performance.now() - due);
      dueAt.set(shot.id, due);
    } else {
      refused += 1;
      firstRefusal ??= response.body.slice(0, 800);
    }
    if (isRequest) requestDone[pair]?.settle();
  };
  for (const { slot, shot, pair } of schedule) {
    const due = start + slot * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(fire(shot, pair, slot % 2 === 0, due));
  }
  await Promise.all(inFlight);
  const span = ((schedule.at(-1)?.slot ?? 0) + 1) * interval;
  return {
    offeredPerSecond: (schedule.length * 1000) / span,
    sent: schedule.length,
    accepted: responseMs.length,
    elapsedMs: performance.now() - start,
    responseMs: responseMs.sort((a, b) => a - b),
    dueAt,
    refused,
    firstRefusal,
  };
}
