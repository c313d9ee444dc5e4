import { GraphQLError } from 'graphql';
import { ErrorCode, HTTP_STATUS, userError } from '../../src/common/errors';
import { routeErrorResponse } from '../../src/common/route-errors';

describe('routeErrorResponse', () => {
  it('should give every error code a status of the 4xx or 5xx class', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(HTTP_STATUS[code]).toBeLessThan(600);
    }
  });

  it.each([
    [ErrorCode.UNAUTHENTICATED, 401],
    [ErrorCode.FORBIDDEN, 403],
    [ErrorCode.BAD_USER_INPUT, 400],
    [ErrorCode.NOT_FOUND, 404],
    [ErrorCode.SERVICE_UNAVAILABLE, 503],
    [ErrorCode.TOO_MANY_REQUESTS, 429],
  ])('should answer %s with %i and keep message and extensions', (code, status) => {
    const response = routeErrorResponse(userError(code, 'so nicht', { parameter: 'mode' }));
    expect(response.status).toBe(status);
    expect(response.body.errors[0]).toEqual({
      message: 'so nicht',
      extensions: { code, parameter: 'mode' },
    });
  });

  it.each([
    ['a plain Error', new Error('secret detail')],
    ['an uncoded GraphQLError', new GraphQLError('secret detail')],
    ['an unknown code', new GraphQLError('secret detail', { extensions: { code: 'NOPE' } })],
  ])('should mask %s as a 500 without details', (_name, error) => {
    expect(routeErrorResponse(error)).toEqual({
      status: 500,
      body: {
        errors: [
          { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      },
    });
  });
});
