import pino, { type DestinationStream, type Logger } from 'pino';

/** What redacted values are replaced with in log lines. */
export const REDACTED = '[redacted]';

const SECRET_KEYS = ['authorization', 'cookie', 'password', 'token', 'secret', 'connectionParams'];
const PERSONAL_KEYS = ['email', 'phone', 'contactName', 'contactEmail', 'contactPhone', 'address'];
// Operation logs carry variable names only; a stray `variables` object must not leak values.
const PAYLOAD_KEYS = ['variables'];

/**
 * pino `redact` paths: credentials and personal data at the top level and one level down (pino's
 * `*` wildcard matches exactly one level), plus HTTP headers as express and pino serializers nest
 * them. Redaction is a safety net; code should not put these values into log objects at all.
 */
export const REDACT_PATHS: string[] = [
  ...[...SECRET_KEYS, ...PERSONAL_KEYS, ...PAYLOAD_KEYS].flatMap((key) => [key, `*.${key}`]),
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * Creates the process logger: JSON lines, one per event, with credentials and personal data
 * redacted (see {@link REDACT_PATHS}).
 *
 * @param level - a pino level, or `silent`
 * @param destination - where lines go; stdout when omitted (tests pass a stream to read them)
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'vielfalt-api' },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
  // Asynchronous by default: a synchronous write per line cost ~3 % of the API's CPU under
  // load (one operation log per request). pino flushes what is buffered when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
