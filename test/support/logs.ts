import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

/** A logger configured like the API's (level info, redaction) whose JSON lines land in arrays. */
export function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines, raw };
}
