import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

/**
 * The process's pino logger: LOG_LEVEL (default info) and LOG_FORMAT (json, or pretty;
 * default pretty when stdout is a terminal, JSON otherwise). Read from the environment
 * directly, so that configuration errors are logged in the chosen format too; invalid values
 * fall back to the defaults here and are reported by loadConfig.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env, destination: NodeJS.WritableStream = process.stdout): Logger {
  const level = (LOG_LEVELS as readonly string[]).includes(env.LOG_LEVEL ?? '') ? (env.LOG_LEVEL as string) : 'info';
  const format = (LOG_FORMATS as readonly string[]).includes(env.LOG_FORMAT ?? '') ? env.LOG_FORMAT : (destination as { isTTY?: boolean }).isTTY ? 'pretty' : 'json';
  const options = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'pretty') {
    return pino(options, pretty({ destination, colorize: (destination as { isTTY?: boolean }).isTTY === true, sync: true }));
  }
  return pino(options, destination === process.stdout ? pino.destination({ dest: 1, sync: true }) : destination);
}
