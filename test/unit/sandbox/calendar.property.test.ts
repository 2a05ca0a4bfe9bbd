import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar, addCalendarDays } from '../../../sandbox/calendar.js';
import { fuzzRuns } from '../../support/fuzz.js';

const calendar = new WorkingCalendar();
// Dates from 2024-06-01 over about three years: across the published calendar and beyond.
const date = fc.integer({ min: 0, max: 1100 }).map((d) => addCalendarDays('2024-06-01', d));

describe('working calendar properties', () => {
  it('addWorkingDays lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 25 }), (start, n) => {
        const due = calendar.addWorkingDays(start, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(calendar.workingDaysBetween(start, due)).toBe(n);
        expect(calendar.addWorkingDays(start, n - 1) < due).toBe(true);
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it('workingDaysBetween adds up over any split point', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (a, x, y) => {
          const b = addCalendarDays(a, x);
          const c = addCalendarDays(b, y);
          expect(calendar.workingDaysBetween(a, c)).toBe(
            calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c),
          );
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });
});
