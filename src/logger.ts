import pino from 'pino';

/**
 * Structured JSON lines (pino). Log ids, states, routes and durations only: never names,
 * addresses, tokens or the content of a breach. Callers pass fields first, message second.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child?(bindings: Record<string, unknown>): Logger;
}

export function createLogger(options: { silent?: boolean; level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.silent ? 'silent' : (options.level ?? 'info'),
      base: { service: 'meldplicht' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: should a field with one of these names slip in, it is not written.
      redact: { paths: ['email', 'recipient', 'to', 'name', 'summary', 'text', 'html', 'body', 'token', 'password', '*.email', '*.recipient'], censor: '[redacted]' },
    },
    options.destination,
  );
}
