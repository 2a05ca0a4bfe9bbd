/**
 * The logging surface drivers receive. It is the subset of pino's API the project uses, so the
 * service passes a pino child logger and tests pass `silentLogger` or a capturing one.
 * Rule: one line per state change, never per byte; no personal data in any field.
 */
export interface LogFn {
  (fields: Record<string, unknown>, message?: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const noop: LogFn = () => {};

export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};

export interface CapturedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message?: string;
}

/** A logger that records every line, for tests that assert what was (and was not) logged. */
export function capturingLogger(
  lines: CapturedLine[] = [],
  bindings: Record<string, unknown> = {},
): Logger & { lines: CapturedLine[] } {
  const make =
    (level: CapturedLine['level']): LogFn =>
    (fields, message) => {
      lines.push({
        level,
        fields: { ...bindings, ...fields },
        ...(message === undefined ? {} : { message }),
      });
    };
  return {
    lines,
    debug: make('debug'),
    info: make('info'),
    warn: make('warn'),
    error: make('error'),
    child: (more) => capturingLogger(lines, { ...bindings, ...more }),
  };
}
