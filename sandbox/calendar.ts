/**
 * Working-day arithmetic for statutory time limits (Administrative Licensing Law Art. 82:
 * limits count working days). The holiday calendar is data (data/working-calendar.json), so a
 * new year's State Council notice is a data change, not a code change.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

const calendarFileSchema = z.object({
  timeZone: z.string(),
  /** The province's offset from UTC; China has no daylight saving time. */
  utcOffsetMinutes: z.number().int(),
  publishedThrough: z.string().regex(ISO_DATE),
  holidays: z.array(z.string().regex(ISO_DATE)),
  workingWeekendDays: z.array(z.string().regex(ISO_DATE)),
});

export type CalendarData = z.infer<typeof calendarFileSchema>;

export const DEFAULT_CALENDAR_FILE = new URL('./data/working-calendar.json', import.meta.url);

export function loadCalendarData(file: URL | string = DEFAULT_CALENDAR_FILE): CalendarData {
  return calendarFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Dates are `YYYY-MM-DD` strings in the province's time zone throughout. */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly workingWeekendDays: ReadonlySet<string>;
  private readonly offsetMs: number;

  constructor(data: CalendarData = loadCalendarData()) {
    this.holidays = new Set(data.holidays);
    this.workingWeekendDays = new Set(data.workingWeekendDays);
    this.offsetMs = data.utcOffsetMinutes * 60 * 1000;
  }

  /** The local calendar date of an instant. */
  localDate(instant: Date): string {
    return new Date(instant.getTime() + this.offsetMs).toISOString().slice(0, 10);
  }

  /** The instant local midnight starts a date. */
  startOfDay(date: string): Date {
    return new Date(Date.parse(`${date}T00:00:00Z`) - this.offsetMs);
  }

  isWorkingDay(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.workingWeekendDays.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The date `days` working days after `date`; `date` itself does not count, as a limit
   * starts the day after acceptance. `days = 0` gives `date`.
   */
  addWorkingDays(date: string, days: number): string {
    let current = date;
    let left = days;
    while (left > 0) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) left--;
    }
    return current;
  }

  /**
   * Working days in the half-open range (from, to]: how many working days pass going from
   * `from` to `to`. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }

  /** The instant `days` working days after `instant`, at the same local time of day. */
  addWorkingDaysToInstant(instant: Date, days: number): Date {
    const date = this.localDate(instant);
    const timeOfDay = instant.getTime() - this.startOfDay(date).getTime();
    return new Date(this.startOfDay(this.addWorkingDays(date, days)).getTime() + timeOfDay);
  }
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
