/**
 * Working days for answer deadlines: Monday to Friday, without the Dutch general holidays of
 * the Algemene termijnenwet (art. 3): nieuwjaarsdag, tweede paasdag, hemelvaartsdag, tweede
 * pinksterdag, both Christmas days, Koningsdag and 5 May. Goede Vrijdag is not in that list
 * and therefore counts as a working day. Dates are calendar dates in the Europe/Amsterdam
 * time zone, as `YYYY-MM-DD` strings, so no arithmetic ever crosses a DST boundary.
 */

const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) of an instant in the Netherlands. */
export function dutchCalendarDate(instant: Date): string {
  return AMSTERDAM_DATE.format(instant); // en-CA formats as YYYY-MM-DD
}
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(Date.UTC(year, month - 1, day));
}

/** The general holidays of a year that can fall on a weekday, as YYYY-MM-DD. */
export function dutchHolidays(year: number): ReadonlySet<string> {
  let holidays = HOLIDAY_CACHE.get(year);
  if (holidays === undefined) {
    const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
    // Koningsdag is 27 April, or 26 April when the 27th is a Sunday (Wet van 2013).
    const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
    holidays = new Set([
      `${year}-01-01`,
      isoDate(easter + 1 * DAY_MS), // tweede paasdag
      `${year}-04-${kingsDay}`,
      `${year}-05-05`,
      isoDate(easter + 39 * DAY_MS), // hemelvaartsdag
      isoDate(easter + 50 * DAY_MS), // tweede pinksterdag
      `${year}-12-25`,
      `${year}-12-26`,
    ]);
    HOLIDAY_CACHE.set(year, holidays);
  }
  return holidays;
}
const HOLIDAY_CACHE = new Map<number, ReadonlySet<string>>();

/** Whether a calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * The calendar date `workingDays` working days after the Dutch date of `from`. The day of
 * `from` itself does not count, so a saldoverzoek received on a Monday with 10 working days
 * is due at the end of the Monday two weeks later (absent holidays).
 */
export function addWorkingDays(from: Date, workingDays: number): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
  }
  let day = Date.parse(`${dutchCalendarDate(from)}T00:00:00Z`);
  for (let left = workingDays; left > 0;) {
    day += DAY_MS;
    if (isWorkingDay(isoDate(day))) left -= 1;
  }
  return isoDate(day);
}

/** The instant a deadline date ends (exclusive): the midnight that starts the next Dutch day. */
export function endOfDutchDay(date: string): Date {
  // Midnight Amsterdam is 23:00Z (winter) or 22:00Z (summer) of the same date.
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
  // Try the summer offset first: the first instant whose Dutch date is the next day.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(next.getTime() - offsetHours * 3_600_000);
    if (dutchCalendarDate(candidate) !== date) return candidate;
  }
  return new Date(next.getTime() - 3_600_000);
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
