import pino, { type Logger } from 'pino';

/**
 * Creates the process logger: JSON lines on stdout, one per event.
 *
 * @param level - a pino level, or `silent`
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'vielfalt-api' } });
}
