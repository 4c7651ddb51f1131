import { expect } from 'chai';
import {
  addWorkingDays,
  dutchCalendarDate,
  dutchHolidays,
  easterSunday,
  endOfDutchDay,
  isWorkingDay,
} from '@knooppunt/standard';

describe('working days', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).to.equal('2024-03-31');
    expect(easterSunday(2025)).to.equal('2025-04-20');
    expect(easterSunday(2026)).to.equal('2026-04-05');
  });

  it('lists the Algemene termijnenwet holidays of 2026', () => {
    expect([...dutchHolidays(2026)]).to.have.members([
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday', () => {
    expect(dutchHolidays(2025).has('2025-04-26')).to.equal(true);
    expect(dutchHolidays(2025).has('2025-04-27')).to.equal(false);
  });

  it('skips weekends and holidays but counts Goede Vrijdag', () => {
    expect(isWorkingDay('2026-11-28')).to.equal(false); // Saturday
    expect(isWorkingDay('2026-04-06')).to.equal(false); // tweede paasdag
    expect(isWorkingDay('2026-04-03')).to.equal(true); // Goede Vrijdag
  });

  it('puts a 10-working-day deadline two weeks later, longer across holidays', () => {
    expect(addWorkingDays(new Date('2026-11-23T09:00:00Z'), 10)).to.equal('2026-12-07');
    // Monday 20 April 2026: Koningsdag (27th) and 5 May fall inside.
    expect(addWorkingDays(new Date('2026-04-20T09:00:00Z'), 10)).to.equal('2026-05-06');
    // Christmas and New Year.
    expect(addWorkingDays(new Date('2026-12-21T09:00:00Z'), 10)).to.equal('2027-01-06');
  });

  it('takes the Dutch calendar date of the receipt, not the UTC one', () => {
    // 23:30Z on Sunday 22 Nov is already Monday 00:30 in Amsterdam.
    expect(addWorkingDays(new Date('2026-11-22T23:30:00Z'), 1)).to.equal('2026-11-24');
  });

  it('ends a Dutch day at local midnight in winter and in summer', () => {
    expect(endOfDutchDay('2026-12-07').toISOString()).to.equal('2026-12-07T23:00:00.000Z');
    expect(endOfDutchDay('2026-06-15').toISOString()).to.equal('2026-06-15T22:00:00.000Z');
  });

  it('refuses a negative or fractional count of working days', () => {
    for (const count of [-1, 1.5, Number.NaN]) {
      expect(() => addWorkingDays(new Date('2026-11-23T09:00:00Z'), count), String(count)).to.throw(
        RangeError,
      );
    }
  });

  it('gives the Dutch date itself for zero working days, even on a weekend or holiday', () => {
    expect(addWorkingDays(new Date('2026-11-28T09:00:00Z'), 0)).to.equal('2026-11-28'); // Saturday
    expect(addWorkingDays(new Date('2026-12-25T09:00:00Z'), 0)).to.equal('2026-12-25');
  });

  it('counts across the turn of the year by the Dutch date of the receipt', () => {
    // Wednesday 30 December 2026, 23:30 in Amsterdam: Thursday 31 counts, 1 January does not.
    expect(addWorkingDays(new Date('2026-12-30T22:30:00Z'), 1)).to.equal('2026-12-31');
    expect(addWorkingDays(new Date('2026-12-30T22:30:00Z'), 2)).to.equal('2027-01-04');
    // 00:30 on Thursday 31 December in Amsterdam, still the 30th in UTC.
    expect(addWorkingDays(new Date('2026-12-30T23:30:00Z'), 1)).to.equal('2027-01-04');
    // 00:30 on New Year's Day in Amsterdam, still 2026 in UTC.
    expect(addWorkingDays(new Date('2026-12-31T23:30:00Z'), 1)).to.equal('2027-01-04');
    // Across two turns of the year: 28–31 December 2026 are 4 working days, 2027 has 261
    // weekdays less 6 holidays on them (Christmas falls on the weekend), so the 260th working
    // day after Christmas 2026 is the first of 2028 (1 January 2028 is a Saturday).
    expect(addWorkingDays(new Date('2026-12-25T12:00:00Z'), 259)).to.equal('2027-12-31');
    expect(addWorkingDays(new Date('2026-12-25T12:00:00Z'), 260)).to.equal('2028-01-03');
  });

  it('starts a Dutch day at local midnight in winter, in summer and on both DST Sundays', () => {
    const boundaries: [string, string, string][] = [
      // [last instant of a Dutch day, its date, the next date]
      ['2026-01-15T22:59:59.999Z', '2026-01-15', '2026-01-16'], // winter, UTC+1
      ['2026-06-14T21:59:59.999Z', '2026-06-14', '2026-06-15'], // summer, UTC+2
      ['2026-03-28T22:59:59.999Z', '2026-03-28', '2026-03-29'], // the night before summer time
      ['2026-03-29T21:59:59.999Z', '2026-03-29', '2026-03-30'], // summer time's first day
      ['2026-10-24T21:59:59.999Z', '2026-10-24', '2026-10-25'], // the night before winter time
      ['2026-10-25T22:59:59.999Z', '2026-10-25', '2026-10-26'], // winter time's first day
      ['2026-12-31T22:59:59.999Z', '2026-12-31', '2027-01-01'], // the turn of the year
    ];
    for (const [last, date, next] of boundaries) {
      const lastMs = Date.parse(last);
      expect(dutchCalendarDate(new Date(lastMs)), last).to.equal(date);
      expect(dutchCalendarDate(new Date(lastMs + 1)), last).to.equal(next);
      expect(endOfDutchDay(date).getTime(), date).to.equal(lastMs + 1);
      expect(addWorkingDays(new Date(lastMs), 0), last).to.equal(date);
      expect(addWorkingDays(new Date(lastMs + 1), 0), last).to.equal(next);
    }
  });

  it('gives every instant the date an Amsterdam clock shows, in any order of asking', () => {
    const clock = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Each quarter of an hour around both DST Sundays of 2026 and the turn of the year, and the
    // last millisecond before each: forwards, then backwards.
    const instants: number[] = [];
    for (const from of ['2026-03-27T12:00:00Z', '2026-10-23T12:00:00Z', '2026-12-30T12:00:00Z']) {
      for (let t = Date.parse(from); t < Date.parse(from) + 4 * 86_400_000; t += 900_000) {
        instants.push(t - 1, t);
      }
    }
    for (const t of [...instants, ...instants.reverse()]) {
      const instant = new Date(t);
      expect(dutchCalendarDate(instant), instant.toISOString()).to.equal(clock.format(instant));
    }
  });

  it('hands out a new Date for each end of a day, so a caller changing one changes no other', () => {
    endOfDutchDay('2026-12-07').setTime(0);
    expect(endOfDutchDay('2026-12-07').toISOString()).to.equal('2026-12-07T23:00:00.000Z');
  });

  it('agrees with counting isWorkingDay day by day, for every start date of 2019 to 2031', () => {
    // The definition: step through the calendar, counting each day isWorkingDay accepts.
    function byDefinition(start: string, workingDays: number): string {
      let day = Date.parse(`${start}T00:00:00Z`);
      for (let left = workingDays; left > 0;) {
        day += 86_400_000;
        if (isWorkingDay(new Date(day).toISOString().slice(0, 10))) left -= 1;
      }
      return new Date(day).toISOString().slice(0, 10);
    }
    const end = Date.parse('2031-12-31T12:00:00Z');
    for (let t = Date.parse('2019-01-01T12:00:00Z'); t <= end; t += 86_400_000) {
      const start = new Date(t).toISOString().slice(0, 10);
      for (const count of [1, 5, 10, 23]) {
        expect(addWorkingDays(new Date(t), count), `${start} + ${count}`).to.equal(
          byDefinition(start, count),
        );
      }
    }
  });
});
