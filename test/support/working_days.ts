/**
 * Moving a test's clock by Dutch working days rather than calendar days: a test that starts at
 * the real time (its certificates and the browser's clock are the real ones) and waits out a
 * deadline of working days must not depend on which holidays the weeks it runs in hold.
 */
import { addWorkingDays } from '@knooppunt/standard';
import type { ManualClock } from '@knooppunt/standard';

/**
 * Advances `clock` to midday (UTC) of the `workingDays`-th working day after its Dutch date:
 * past the end of every deadline of fewer working days counted from now.
 */
export function advanceWorkingDays(clock: ManualClock, workingDays: number): void {
  const target = Date.parse(`${addWorkingDays(clock.now(), workingDays)}T12:00:00.000Z`);
  clock.advance(target - clock.now().getTime());
}
