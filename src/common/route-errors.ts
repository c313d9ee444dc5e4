import { GraphQLError } from 'graphql';
import { ErrorCode, HTTP_STATUS } from './errors';

/** The JSON body of a failed plain HTTP route, in the GraphQL error shape. */
export interface RouteErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

/**
 * The status and body of a failed plain HTTP route (exports, CSV): a coded {@link GraphQLError}
 * keeps its message and extensions with the status of {@link HTTP_STATUS}; anything else is 500
 * with the details masked (the caller logs them).
 */
export function routeErrorResponse(error: unknown): { status: number; body: RouteErrorBody } {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (
    error instanceof GraphQLError &&
    isErrorCode(code) &&
    code !== ErrorCode.INTERNAL_SERVER_ERROR
  ) {
    const body = { errors: [{ message: error.message, extensions: { ...error.extensions } }] };
    return { status: HTTP_STATUS[code], body };
  }
  const internal = {
    message: 'Internal server error',
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
  return { status: 500, body: { errors: [internal] } };
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(HTTP_STATUS, code);
}
