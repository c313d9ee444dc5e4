import { REDACTED } from '../../src/logger';
import { createMetrics } from '../../src/observability/metrics';
import { recordOperation } from '../../src/observability/operations';
import { capturingLogger } from '../support/logs';

describe('log redaction', () => {
  it('should redact the Authorization header wherever request headers are logged', () => {
    const { logger, lines, raw } = capturingLogger();
    logger.info({ req: { headers: { authorization: 'Bearer eyJ.secret.sig' } } }, 'request');
    logger.info({ headers: { authorization: 'Bearer eyJ.other.sig', accept: 'json' } }, 'request');
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: REDACTED } } });
    expect(lines[1]).toMatchObject({ headers: { authorization: REDACTED, accept: 'json' } });
    expect(raw.join('')).not.toContain('eyJ');
  });

  it('should redact e-mail addresses, passwords, tokens and phone numbers one level deep', () => {
    const { logger, lines, raw } = capturingLogger();
    logger.info(
      {
        email: 'top@example.org',
        partner: { contactEmail: 'anna@example.org', contactPhone: '+49 30 1234', name: 'Verein' },
        neo4j: { password: 'hunter2' },
        token: 'tok-123',
      },
      'event',
    );
    expect(lines[0]).toMatchObject({
      email: REDACTED,
      partner: { contactEmail: REDACTED, contactPhone: REDACTED, name: 'Verein' },
      neo4j: { password: REDACTED },
      token: REDACTED,
    });
    for (const secret of ['example.org', '+49 30', 'hunter2', 'tok-123']) {
      expect(raw.join('')).not.toContain(secret);
    }
  });

  it('should redact graphql-ws connectionParams and stray variables objects', () => {
    const { logger, raw } = capturingLogger();
    logger.info({ connectionParams: { authorization: 'Bearer ws-secret' } }, 'socket');
    logger.info({ request: { variables: { email: 'x@example.org' } } }, 'operation');
    expect(raw.join('')).not.toContain('ws-secret');
    expect(raw.join('')).not.toContain('x@example.org');
  });

  it('should log an operation with variable names, role and outcome but no values', () => {
    const { logger, lines } = capturingLogger();
    recordOperation(createMetrics({ processMetrics: false }), logger, {
      requestId: 'req-1',
      transport: 'http',
      operationName: 'UpdatePartner',
      operationType: 'mutation',
      durationMs: 12.345,
      errorCodes: ['FORBIDDEN'],
      role: 'PARTNER',
      variableNames: ['input'],
    });
    expect(lines[0]).toMatchObject({
      msg: 'graphql operation',
      requestId: 'req-1',
      operationName: 'UpdatePartner',
      operationType: 'mutation',
      durationMs: 12.3,
      outcome: 'error',
      errorCodes: ['FORBIDDEN'],
      role: 'PARTNER',
      variableNames: ['input'],
    });
  });
});
