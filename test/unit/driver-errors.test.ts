import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { toGraphQLError } from '../../src/db/executor';

const driverError = (message: string, code: string) =>
  new Neo4jError(message, code, '50N42', 'error: general processing exception');

const codeOf = (error: unknown) =>
  error instanceof GraphQLError ? error.extensions.code : 'not a GraphQL error';

describe('driver errors as GraphQL errors', () => {
  it.each([
    ['ServiceUnavailable', 'connection refused', 'SERVICE_UNAVAILABLE'],
    ['SessionExpired', 'the session is no longer valid', 'SERVICE_UNAVAILABLE'],
    ['Neo.ClientError.Transaction.TransactionTimedOut', 'terminated', 'QUERY_TIMEOUT'],
    [
      'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
      'terminated',
      'QUERY_TIMEOUT',
    ],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'already exists', 'CONFLICT'],
  ])('should map %s (%s) to %s', (code, message, expected) => {
    expect(codeOf(toGraphQLError(driverError(message, code)))).toBe(expected);
  });

  it('should treat an exhausted connection pool as SERVICE_UNAVAILABLE, not as an internal error', () => {
    const exhausted = driverError(
      'Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 100, Idle conn count = 0.',
      'N/A',
    );
    expect(codeOf(toGraphQLError(exhausted))).toBe('SERVICE_UNAVAILABLE');
  });

  it('should leave an unknown driver error to the error formatter, which masks it', () => {
    const unknown = driverError('Invalid input', 'Neo.ClientError.Statement.SyntaxError');
    expect(toGraphQLError(unknown)).toBe(unknown);
  });

  it('should not reveal the driver message in the SERVICE_UNAVAILABLE error', () => {
    const error = toGraphQLError(
      driverError('connect ECONNREFUSED 127.0.0.1:7687', 'ServiceUnavailable'),
    );
    expect((error as Error).message).not.toContain('7687');
  });
});
