/**
 * Structured JSON log lines (pino). Personal data never reaches a log line: known personal
 * fields are redacted wherever they appear two levels deep, and domains log masked values only.
 */
import pino from 'pino';
import type { Logger } from '../../drivers/common/logger.js';

/** Field names that hold personal data; any log line carrying one shows `[redacted]`. */
const PERSONAL_FIELDS = [
  'idNumber',
  'name',
  'address',
  'phone',
  'creditCode',
  'photo',
  'birthDate',
  'document',
  'applicant',
  'pin',
];

export function redactPaths(): string[] {
  return PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);
}

export interface LoggerOptions {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  /** 1 = stdout (the host), 2 = stderr (the CLI, whose stdout carries results). */
  readonly fd: 1 | 2;
  readonly name?: string;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: options.name ?? 'hall-kiosk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths(), censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ fd: options.fd, sync: true }),
  ) as unknown as Logger;
}
