import { describe, expect, it } from 'vitest';
import { WorkingCalendar, loadCalendarData } from '../../../sandbox/calendar.js';

const calendar = new WorkingCalendar();

describe('working calendar', () => {
  it('knows weekends, holidays and make-up working days from the data file', () => {
    expect(calendar.isWorkingDay('2026-12-07')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday made a working day
  });

  it('counts a limit from the day after acceptance, skipping rest days', () => {
    // Accepted Friday 4 December 2026: three working days end Wednesday 9 December.
    expect(calendar.addWorkingDays('2026-12-04', 3)).toBe('2026-12-09');
    // Accepted just before the National Day week: 1–7 October do not count, 8 and 9 October
    // do, and Saturday 10 October is a make-up working day.
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-12-04', 0)).toBe('2026-12-04');
  });

  it('measures working days between dates in both directions', () => {
    expect(calendar.workingDaysBetween('2026-12-04', '2026-12-09')).toBe(3);
    expect(calendar.workingDaysBetween('2026-12-09', '2026-12-04')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-12-05', '2026-12-06')).toBe(0);
  });

  it('uses the province time zone for local dates', () => {
    // 17:00 UTC is 01:00 the next day in Beijing.
    expect(calendar.localDate(new Date('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
    expect(calendar.startOfDay('2026-12-05').toISOString()).toBe('2026-12-04T16:00:00.000Z');
    const friday = new Date('2026-12-04T02:00:00Z');
    expect(calendar.addWorkingDaysToInstant(friday, 1).toISOString()).toBe(
      '2026-12-07T02:00:00.000Z',
    );
  });

  it('keeps its data sorted, unique and free of dates that are both', () => {
    const data = loadCalendarData();
    const holidays = new Set(data.holidays);
    expect(holidays.size).toBe(data.holidays.length);
    expect(data.workingWeekendDays.filter((d) => holidays.has(d))).toEqual([]);
    for (const d of data.workingWeekendDays) {
      expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });
});
