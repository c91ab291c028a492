import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

/** A structured logger; the worker's is bound to workspace, run, node and attempt ids. */
export type Logger = {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
};

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * Keys whose values never reach a log line, at the top level or one level down (e.g.
 * `headers.authorization`). Credential values are already redacted from what nodes log;
 * this keeps a secret passed by mistake in a log call's data out as well.
 */
const SECRET_KEYS = ['password', 'secret', 'token', 'apiKey', 'authorization', 'cookie', 'accessToken', 'refreshToken', 'clientSecret', 'privateKey'];
export const LOG_REDACTED = '[redacted]';

/** One synchronous stream on fd 2 for every logger of the process: a line is out before the call returns (and before a `process.exit`). */
let stderr: DestinationStream | undefined;
const standardError = (): DestinationStream => (stderr ??= pino.destination({ fd: 2, sync: true }));

/**
 * JSON lines on stderr (pino): `level` as a word, `time` in ISO 8601, `pid`, `hostname`, the
 * bindings, the entry's data and `msg`. `silent` (tests) writes nothing; `destination` is for tests of the format.
 */
export function createLogger(bindings: Record<string, unknown> = {}, options: { silent?: boolean; level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  if (options.silent) return SILENT;
  const root = pino(
    {
      level: options.level ?? 'info',
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`]), censor: LOG_REDACTED },
    },
    options.destination ?? standardError(),
  );
  return wrap(Object.keys(bindings).length ? root.child(bindings) : root);
}

function wrap(logger: PinoLogger): Logger {
  return {
    info: (message, data) => (data ? logger.info(data, message) : logger.info(message)),
    warn: (message, data) => (data ? logger.warn(data, message) : logger.warn(message)),
    error: (message, data) => (data ? logger.error(data, message) : logger.error(message)),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}

const ignore = (): void => undefined;
const SILENT: Logger = { info: ignore, warn: ignore, error: ignore, child: () => SILENT };
