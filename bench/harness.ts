/**
 * The benchmark harness: runs each case for a fixed time after a warm-up, several rounds, and
 * reports the median rate. Results are compared as ratios against a baseline measured in the
 * same run, never as absolute timings in tests.
 */
import { performance } from 'node:perf_hooks';

/** One benchmark case. `fn` may be async; it is awaited only when it returns a promise. */
export interface BenchCase {
  readonly name: string;
  readonly fn: () => unknown;
}

/** The measured rate of one case. */
export interface BenchResult {
  readonly name: string;
  readonly opsPerSecond: number;
  readonly rounds: readonly number[];
}

/** Options of a run. */
export interface BenchOptions {
  /** Milliseconds per round. @defaultValue 1000 */
  readonly roundMs?: number;
  /** Rounds per case; the median is reported. @defaultValue 5 */
  readonly rounds?: number;
  /** Milliseconds of warm-up per case. @defaultValue 300 */
  readonly warmupMs?: number;
}

async function runFor(fn: () => unknown, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    // Batches of 16 keep the clock reads off the profile for fast cases.
    for (let i = 0; i < 16; i += 1) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    ops += 16;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Runs the cases in turn (interleaved per round so drift hits all alike); median per case. */
export async function runBench(
  cases: readonly BenchCase[],
  options: BenchOptions = {},
): Promise<BenchResult[]> {
  const { roundMs = 1000, rounds = 5, warmupMs = 300 } = options;
  for (const c of cases) await runFor(c.fn, warmupMs);
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, c] of cases.entries()) samples[i]?.push(await runFor(c.fn, roundMs));
  }
  return cases.map((c, i) => {
    const sorted = [...(samples[i] ?? [])].sort((a, b) => a - b);
    return {
      name: c.name,
      opsPerSecond: sorted[Math.floor(sorted.length / 2)] ?? 0,
      rounds: sorted,
    };
  });
}

/** Formats a rate with thousands separators. */
export function formatRate(opsPerSecond: number): string {
  return Math.round(opsPerSecond).toLocaleString('en-US');
}
