import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  blackoutEnd,
  dayLabel,
  fakeClock,
  isIsoDay,
  isTransmissionBlackout,
  nextDay,
  romeDate,
  romeDateTimeLabel,
  romeDayBounds,
} from '../../../shared/time.js';

// 2026: summer time starts Sun 29 March (02:00 CET → 03:00 CEST, 01:00Z) and ends Sun 25 October
// (03:00 CEST → 02:00 CET, 01:00Z).

describe('romeDate: the Italian business day of an instant', () => {
  it.each([
    // winter, UTC+1
    ['2026-01-15T22:59:59.999Z', '2026-01-15'],
    ['2026-01-15T23:00:00.000Z', '2026-01-16'],
    ['2026-01-15T00:00:00.000Z', '2026-01-15'],
    // summer, UTC+2
    ['2026-07-01T21:59:59.999Z', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
    ['2026-07-01T23:30:00.000Z', '2026-07-02'],
    // the evening before summer time starts is still UTC+1
    ['2026-03-28T22:59:59.999Z', '2026-03-28'],
    ['2026-03-28T23:00:00.000Z', '2026-03-29'],
    // the 23-hour day: its midnight is UTC+2 already
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], // 01:59:59 CET
    ['2026-03-29T01:00:00.000Z', '2026-03-29'], // 03:00 CEST
    ['2026-03-29T21:59:59.999Z', '2026-03-29'],
    ['2026-03-29T22:00:00.000Z', '2026-03-30'],
    // the 25-hour day: starts at UTC+2, ends at UTC+1
    ['2026-10-24T21:59:59.999Z', '2026-10-24'],
    ['2026-10-24T22:00:00.000Z', '2026-10-25'],
    ['2026-10-25T00:30:00.000Z', '2026-10-25'], // 02:30 CEST
    ['2026-10-25T01:30:00.000Z', '2026-10-25'], // 02:30 CET (the repeated hour)
    ['2026-10-25T22:59:59.999Z', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', '2026-10-26'],
    // new year
    ['2026-12-31T22:59:59.999Z', '2026-12-31'],
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
    // leap day
    ['2028-02-28T23:00:00.000Z', '2028-02-29'],
  ])('%s → %s', (instant, day) => {
    expect(romeDate(instant)).toBe(day);
    expect(romeDate(new Date(instant))).toBe(day);
  });
});

describe('romeDayBounds', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z', 24],
    ['2026-07-01', '2026-06-30T22:00:00.000Z', '2026-07-01T22:00:00.000Z', 24],
    ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23],
    ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
    ['2026-12-31', '2026-12-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z', 24],
    ['2026-02-28', '2026-02-27T23:00:00.000Z', '2026-02-28T23:00:00.000Z', 24],
    ['2028-02-29', '2028-02-28T23:00:00.000Z', '2028-02-29T23:00:00.000Z', 24],
  ])('%s is [%s, %s), %d hours', (day, start, end, hours) => {
    const b = romeDayBounds(day);
    expect(b).toEqual({ start, end });
    expect((Date.parse(b.end) - Date.parse(b.start)) / 3_600_000).toBe(hours);
  });

  it('every instant lies inside the bounds of its own day, and days tile without gaps', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = romeDate(d);
        const b = romeDayBounds(day);
        expect(Date.parse(b.start)).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime()).toBeLessThan(Date.parse(b.end));
        expect(romeDayBounds(nextDay(day)).start).toBe(b.end);
        expect(romeDate(b.start)).toBe(day);
        expect(romeDate(new Date(Date.parse(b.end) - 1))).toBe(day);
      }),
      { numRuns: 300 },
    );
  });
});

describe('nextDay', () => {
  it.each([
    ['2026-11-21', '2026-11-22'],
    ['2026-11-30', '2026-12-01'],
    ['2026-12-31', '2027-01-01'],
    ['2026-02-28', '2026-03-01'],
    ['2028-02-28', '2028-02-29'],
    ['2026-03-28', '2026-03-29'],
    ['2026-03-29', '2026-03-30'],
    ['2026-10-25', '2026-10-26'],
  ])('%s → %s', (a, b) => {
    expect(nextDay(a)).toBe(b);
  });
});

describe('transmission blackout 23:55–00:00 (Italian time)', () => {
  it.each([
    // winter: 23:55 CET = 22:55Z
    ['2026-01-15T22:54:59.999Z', false],
    ['2026-01-15T22:55:00.000Z', true],
    ['2026-01-15T22:59:59.999Z', true],
    ['2026-01-15T23:00:00.000Z', false],
    // summer: 23:55 CEST = 21:55Z; 22:55Z is 00:55 the next day
    ['2026-07-01T21:54:59.999Z', false],
    ['2026-07-01T21:55:00.000Z', true],
    ['2026-07-01T21:59:59.999Z', true],
    ['2026-07-01T22:00:00.000Z', false],
    ['2026-07-01T22:55:00.000Z', false],
    // the evening before summer time (still CET) and the evening of the switch (already CEST)
    ['2026-03-28T22:56:00.000Z', true],
    ['2026-03-29T21:56:00.000Z', true],
    ['2026-03-29T22:56:00.000Z', false],
    // the evening before winter time (still CEST) and the evening of the switch (already CET)
    ['2026-10-24T21:56:00.000Z', true],
    ['2026-10-25T21:56:00.000Z', false],
    ['2026-10-25T22:56:00.000Z', true],
    // midday
    ['2026-11-21T11:55:00.000Z', false],
  ])('%s → %s', (instant, blackout) => {
    expect(isTransmissionBlackout(instant)).toBe(blackout);
  });

  it('ends at Italian midnight', () => {
    expect(blackoutEnd('2026-01-15T22:57:00Z').toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(blackoutEnd('2026-07-01T21:57:00Z').toISOString()).toBe('2026-07-01T22:00:00.000Z');
    expect(blackoutEnd('2026-03-28T22:57:00Z').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(blackoutEnd('2026-03-29T21:57:00Z').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(blackoutEnd('2026-10-25T22:57:00Z').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(blackoutEnd('2026-12-31T22:58:00Z').toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('is exactly the last five minutes before each Italian midnight', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const toMidnight = blackoutEnd(d).getTime() - d.getTime();
        expect(toMidnight).toBeGreaterThan(0);
        expect(isTransmissionBlackout(d)).toBe(toMidnight <= 5 * 60_000);
      }),
      { numRuns: 500 },
    );
    // and around every midnight of two years, minute by minute
    let day = '2026-01-01';
    for (let i = 0; i < 730; i++) {
      const end = Date.parse(romeDayBounds(day).end);
      expect(isTransmissionBlackout(new Date(end - 5 * 60_000 - 1))).toBe(false);
      expect(isTransmissionBlackout(new Date(end - 5 * 60_000))).toBe(true);
      expect(isTransmissionBlackout(new Date(end - 1))).toBe(true);
      expect(isTransmissionBlackout(new Date(end))).toBe(false);
      day = nextDay(day);
    }
  });
});

describe('labels and helpers', () => {
  it('wall-clock labels in Italian time', () => {
    expect(romeDateTimeLabel('2026-11-21T17:05:00Z')).toBe('21/11/2026 18:05');
    expect(romeDateTimeLabel('2026-07-01T22:30:00Z')).toBe('02/07/2026 00:30');
    expect(romeDateTimeLabel('2026-10-25T00:30:00Z')).toBe('25/10/2026 02:30');
    expect(romeDateTimeLabel('2026-10-25T01:30:00Z')).toBe('25/10/2026 02:30');
    expect(dayLabel('2026-11-21')).toBe('21/11/2026');
  });

  it('isIsoDay accepts only real calendar days', () => {
    for (const d of ['2026-11-21', '2028-02-29', '2026-12-31']) expect(isIsoDay(d)).toBe(true);
    for (const d of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '26-11-21', '2026-1-1', '2026-11-21T00:00', '', 'oggi'])
      expect(isIsoDay(d), d).toBe(false);
  });

  it('fakeClock only moves when told', () => {
    const c = fakeClock('2026-11-21T10:00:00Z');
    expect(c.now().toISOString()).toBe('2026-11-21T10:00:00.000Z');
    expect(c.now().toISOString()).toBe('2026-11-21T10:00:00.000Z');
    c.advance(90_000);
    expect(c.now().toISOString()).toBe('2026-11-21T10:01:30.000Z');
    c.set('2026-12-31T23:00:00Z');
    expect(romeDate(c.now())).toBe('2027-01-01');
    // now() returns a fresh Date each time: mutating it cannot move the clock
    c.now().setTime(0);
    expect(c.now().toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });
});
