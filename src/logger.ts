/**
 * Structured JSON lines on stdout. Log ids and states only: never names, addresses or the
 * content of a breach.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function createLogger(options: { silent?: boolean } = {}): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message: string) => {
    if (options.silent) return;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
