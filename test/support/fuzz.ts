/**
 * The bounds and seed of the suite's fuzzing (fast-check properties, schemathesis): fixed by
 * default, so that CI repeats itself and a failure found once is found again; the environment
 * may pick others to explore (KNOOPPUNT_FUZZ_SEED and the suites' own bounds).
 */

/** A positive integer from the environment, or `fallback`. */
export function fuzzSetting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The seed of every fuzzing run (KNOOPPUNT_FUZZ_SEED). */
export const FUZZ_SEED = fuzzSetting('KNOOPPUNT_FUZZ_SEED', 20_261_212);
