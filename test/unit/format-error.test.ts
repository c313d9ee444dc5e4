import { GraphQLError } from 'graphql';
import pino from 'pino';
import { ErrorCode, userError } from '../../src/common/errors';
import { createErrorFormatter } from '../../src/common/format-error';

describe('createErrorFormatter', () => {
  const format = createErrorFormatter(pino({ level: 'silent' }));

  it('should pass errors with a known code through without a stack trace', () => {
    const error = userError(ErrorCode.NOT_FOUND, 'no partner p-1');
    const formatted = format(
      { ...error.toJSON(), extensions: { code: 'NOT_FOUND', stacktrace: ['at x'] } },
      error,
    );
    expect(formatted).toEqual({ message: 'no partner p-1', extensions: { code: 'NOT_FOUND' } });
  });

  it('should mask unknown errors so no internals reach the client', () => {
    const original = new GraphQLError('Neo.ClientError.Statement.SyntaxError: MATCH (n) RETURN');
    const formatted = format(original.toJSON(), original);
    expect(formatted.message).toBe('Internal server error');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it("should keep graphql validation failures, which are the client's fault", () => {
    const formatted = format(
      { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      null,
    );
    expect(formatted.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('createErrorFormatter with Apollo defaults', () => {
  it('should mask an error Apollo already coded INTERNAL_SERVER_ERROR, as its message is raw', () => {
    const format = createErrorFormatter(pino({ level: 'silent' }));
    const formatted = format(
      {
        message: "LIMIT: Invalid input. '6.0' is not a valid value.",
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      new Error('raw'),
    );
    expect(formatted.message).toBe('Internal server error');
  });
});
