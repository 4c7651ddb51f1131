/**
 * Working days for answer deadlines: Monday to Friday, without the Dutch general holidays of
 * the Algemene termijnenwet (art. 3): nieuwjaarsdag, tweede paasdag, hemelvaartsdag, tweede
 * pinksterdag, both Christmas days, Koningsdag and 5 May. Goede Vrijdag is not in that list
 * and therefore counts as a working day. Dates are calendar dates in the Europe/Amsterdam
 * time zone, written `YYYY-MM-DD` and counted as day numbers (days since 1970-01-01, each a
 * UTC midnight), so no arithmetic ever crosses a DST boundary.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The calendar date (YYYY-MM-DD) of an instant in the Netherlands. Formatting in a time zone
 * costs microseconds and the hub asks this for every message it accepts, so the date of the
 * last UTC hour asked for is remembered: Amsterdam's offset is a whole number of hours and
 * changes on the hour, so a Dutch day never starts within a UTC hour.
 */
export function dutchCalendarDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  if (hour === lastHour.hour) return lastHour.date;
  const date = AMSTERDAM_DATE.format(instant); // en-CA formats as YYYY-MM-DD
  // Remembered only when the hour's first and last millisecond agree, so that an hour in
  // which a Dutch day did begin (under a part-hour offset, as before 1940) is never remembered.
  const first = hour * HOUR_MS;
  if (
    AMSTERDAM_DATE.format(first) === date &&
    AMSTERDAM_DATE.format(first + HOUR_MS - 1) === date
  ) {
    lastHour = { hour, date };
  }
  return date;
}
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
let lastHour = { hour: Number.NaN, date: '' };

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  return isoDate(easterDay(year));
}

/** Easter Sunday of a Gregorian year as a day number (days since 1970-01-01). */
function easterDay(year: number): number {
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
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The general holidays of a year that can fall on a weekday, as YYYY-MM-DD. */
export function dutchHolidays(year: number): ReadonlySet<string> {
  let holidays = HOLIDAY_CACHE.get(year);
  if (holidays === undefined) {
    holidays = new Set([...holidayDays(year)].map(isoDate));
    HOLIDAY_CACHE.set(year, holidays);
  }
  return holidays;
}
const HOLIDAY_CACHE = new Map<number, ReadonlySet<string>>();

/** The general holidays of a year as day numbers (days since 1970-01-01). */
function holidayDays(year: number): ReadonlySet<number> {
  const easter = easterDay(year);
  // Koningsdag is 27 April, or 26 April when the 27th is a Sunday (Wet van 2013).
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
  return new Set([
    Date.UTC(year, 0, 1) / DAY_MS,
    easter + 1, // tweede paasdag
    Date.UTC(year, 3, kingsDay) / DAY_MS,
    Date.UTC(year, 4, 5) / DAY_MS,
    easter + 39, // hemelvaartsdag
    easter + 50, // tweede pinksterdag
    Date.UTC(year, 11, 25) / DAY_MS,
    Date.UTC(year, 11, 26) / DAY_MS,
  ]);
}

/** A year's working days: `working[i]` is 1 when day number `firstDay + i` is one. */
interface WorkingCalendar {
  /** The day number (days since 1970-01-01) of 1 January. */
  readonly firstDay: number;
  readonly working: Uint8Array;
}

/** The working days of a year, worked out once: a weekday that is no general holiday. */
function workingCalendar(year: number): WorkingCalendar {
  let calendar = CALENDARS.get(year);
  if (calendar === undefined) {
    const firstDay = Date.UTC(year, 0, 1) / DAY_MS;
    const holidays = holidayDays(year);
    const working = new Uint8Array(Date.UTC(year + 1, 0, 1) / DAY_MS - firstDay);
    for (let i = 0; i < working.length; i += 1) {
      const weekday = new Date((firstDay + i) * DAY_MS).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      working[i] = weekend || holidays.has(firstDay + i) ? 0 : 1;
    }
    calendar = { firstDay, working };
    CALENDARS.set(year, calendar);
  }
  return calendar;
}
const CALENDARS = new Map<number, WorkingCalendar>();

/** Whether a calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * The calendar date `workingDays` working days after the Dutch date of `from`. The day of
 * `from` itself does not count, so a saldoverzoek received on a Monday with 10 working days
 * is due at the end of the Monday two weeks later (absent holidays). The days are counted in
 * each year's table of working days, with no date written until the last (issue 14: writing
 * a date string for each day counted made 60 working days a quarter of the pipeline's work).
 */
export function addWorkingDays(from: Date, workingDays: number): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a whole number ≥ 0, got ${workingDays}`);
  }
  const start = dutchCalendarDate(from);
  let year = Number(start.slice(0, 4));
  let calendar = workingCalendar(year);
  let index = Date.parse(`${start}T00:00:00Z`) / DAY_MS - calendar.firstDay;
  for (let left = workingDays; left > 0;) {
    index += 1;
    if (index === calendar.working.length) {
      year += 1;
      calendar = workingCalendar(year);
      index = 0;
    }
    if (calendar.working[index] === 1) left -= 1;
  }
  return isoDate(calendar.firstDay + index);
}

/**
 * The instant a deadline date ends (exclusive): the midnight that starts the next Dutch day.
 * Each date's end is found once (it takes a time zone lookup or two) and then remembered.
 */
export function endOfDutchDay(date: string): Date {
  let end = DAY_ENDS.get(date);
  if (end === undefined) {
    end = findEndOfDutchDay(date);
    if (DAY_ENDS.size >= 1024) DAY_ENDS.clear();
    DAY_ENDS.set(date, end);
  }
  return new Date(end);
}
const DAY_ENDS = new Map<string, number>();

function findEndOfDutchDay(date: string): number {
  // Midnight Amsterdam is 23:00Z (winter) or 22:00Z (summer) of the same date.
  const next = Date.parse(`${date}T00:00:00Z`) + DAY_MS;
  // Try the summer offset first: the first instant whose Dutch date is the next day.
  for (const offsetHours of [2, 1]) {
    const candidate = next - offsetHours * HOUR_MS;
    if (AMSTERDAM_DATE.format(candidate) !== date) return candidate;
  }
  return next - HOUR_MS;
}

/**
 * The YYYY-MM-DD of a day number (days since 1970-01-01), for years 0 to 9999 as
 * `toISOString` writes them, in a third of its time.
 */
function isoDate(day: number): string {
  const date = new Date(day * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
