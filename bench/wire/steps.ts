/**
 * Where a submission's time goes inside the hub: the mean time of each pipeline step during a
 * phase, from the hub's own `knooppunt_pipeline_step_seconds` histogram (`GET /metrics`), read
 * before and after the phase. Beside the receipt latency the client measures, it shows how much
 * of a request is the pipeline's steps (and which) and how much is waiting before and after
 * them: for the HTTP parser, a turn of the event loop, the body, the response.
 */
import type { WireClient } from './http_client.ts';

/** The histogram's running sum (seconds) and count, by step. */
export type StepTotals = ReadonlyMap<string, { readonly sum: number; readonly count: number }>;

const LINE = /^knooppunt_pipeline_step_seconds_(sum|count)\{step="([^"]+)"\} ([0-9.e+-]+)$/;

/** The step histogram's totals now; none when the hub shows no metrics (a token wanted). */
export async function stepTotals(client: WireClient): Promise<StepTotals> {
  const response = await client.send('GET', '/metrics');
  if (response.status !== 200) return new Map();
  const totals = new Map<string, { sum: number; count: number }>();
  for (const line of response.body.split('\n')) {
    const match = LINE.exec(line);
    if (match === null) continue;
    const [, kind, step, value] = match as unknown as [string, 'sum' | 'count', string, string];
    const entry = totals.get(step) ?? { sum: 0, count: 0 };
    entry[kind] = Number(value);
    totals.set(step, entry);
  }
  return totals;
}

/** Mean milliseconds per step between two readings (steps that ran in between only). */
export function stepMeans(before: StepTotals, after: StepTotals): Record<string, number> {
  const means: Record<string, number> = {};
  for (const [step, { sum, count }] of after) {
    const earlier = before.get(step) ?? { sum: 0, count: 0 };
    const runs = count - earlier.count;
    if (runs > 0) means[step] = ((sum - earlier.sum) * 1000) / runs;
  }
  return means;
}

/** `parse 0.1 · verify 2.3 · …` in the steps' order. */
export function formatSteps(means: Readonly<Record<string, number>>): string {
  return Object.entries(means)
    .map(([step, ms]) => `${step} ${ms.toFixed(1)}`)
    .join(' · ');
}
