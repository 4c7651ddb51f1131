import { expect } from 'chai';
import {
  addWorkingDays,
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
});
