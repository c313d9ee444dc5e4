import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors';
import { APPLICATION_JSON, negotiateResponseType } from './graphql-over-http';

/** Request headers a browser may send cross-origin: ours plus Apollo's CSRF-preflight ones. */
const ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
].join(', ');

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the configured origins (a tiny middleware; the `cors` package is not one of our
 * dependencies). A listed origin, or any with `*`, gets `Access-Control-Allow-Origin` and a 204
 * answer to its preflight; any other origin gets no CORS header at all, so browsers keep it to
 * the same origin. Tokens travel in the `Authorization` header, never in cookies, so credentials
 * are not allowed.
 *
 * @param origins - exact origins (`https://viewer.example.org`) or `*`; empty: same origin only
 */
export function corsMiddleware(origins: readonly string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || (!anyOrigin && !allowed.has(origin))) {
      next();
      return;
    }
    res.vary('Origin');
    res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
    if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}

/** What body-parser puts on the errors it passes to `next`. */
interface BodyParserError {
  status?: number;
  type?: string;
}

/**
 * Answers the errors of `express.json` as GraphQL responses rather than express's HTML page:
 * a body over the limit → 413 `PAYLOAD_TOO_LARGE`; malformed JSON → 400 `BAD_REQUEST`, as the
 * GraphQL over HTTP spec asks; another unreadable body (unsupported charset or encoding) → its
 * 4xx status with `BAD_REQUEST`. Other errors go on to express.
 */
export function bodyErrorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const { status, type } = (error ?? {}) as BodyParserError;
    if (typeof status !== 'number' || status < 400 || status >= 500 || type === undefined) {
      next(error);
      return;
    }
    const mediaType = negotiateResponseType(req.headers.accept) ?? APPLICATION_JSON;
    res
      .status(status)
      .type(`${mediaType}; charset=utf-8`)
      .send(JSON.stringify({ errors: [bodyError(type)] }));
  };
}

function bodyError(type: string): GraphQLFormattedError {
  switch (type) {
    case 'entity.too.large':
      return {
        message: 'The request body is larger than this server accepts (HTTP_BODY_LIMIT).',
        extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE },
      };
    case 'entity.parse.failed':
      return {
        message: 'The request body is not valid JSON.',
        extensions: { code: ApolloServerErrorCode.BAD_REQUEST },
      };
    default:
      return {
        message: `The request body cannot be read (${type}).`,
        extensions: { code: ApolloServerErrorCode.BAD_REQUEST },
      };
  }
}
