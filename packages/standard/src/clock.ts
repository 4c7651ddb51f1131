/**
 * The clock, injected wherever time matters (deadlines, clock skew, certificate validity,
 * retention), so tests can move it without patching globals.
 */

/** A source of the current time. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** A clock that stands still at `start` until moved; for tests and replay. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date | string = '2026-11-23T09:00:00Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Sets the clock to `instant`. */
  set(instant: Date | string): void {
    this.#now = new Date(instant).getTime();
  }
}
