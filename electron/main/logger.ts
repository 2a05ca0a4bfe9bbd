/**
 * Main's structured log: pino JSON lines on stdout, next to the service's (which inherits
 * main's stdout). Main logs only shell events, never personal data: it sees none.
 */
import pino from 'pino';
import type { Logger } from '../../drivers/common/logger.js';

export function createMainLogger(level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  return pino(
    {
      level,
      base: { app: 'kiosk-main' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ fd: 1, sync: true }),
  ) as unknown as Logger;
}
