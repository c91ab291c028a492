/** A structured logger; the worker's is bound to run, node and attempt ids. */
export type Logger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
};

/** One JSON line per entry on stderr; `silent` for tests. */
export function createLogger(bindings: Record<string, unknown> = {}, options: { silent?: boolean; level?: 'info' | 'warn' | 'error' } = {}): Logger {
  const levels = { info: 0, warn: 1, error: 2 } as const;
  const min = levels[options.level ?? 'info'];
  const write = (level: keyof typeof levels, message: string, data?: Record<string, unknown>) => {
    if (options.silent || levels[level] < min) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...bindings, ...data })}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    child: (more) => createLogger({ ...bindings, ...more }, options),
  };
}
