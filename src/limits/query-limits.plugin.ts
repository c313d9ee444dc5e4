import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import type { RequestHandler } from 'express';
import { ErrorCode } from '../common/errors';
import { type Admission, type Asker, HOLD_BACK_MS, OFFENCE_WINDOW_MS } from './admission';
import { clientAddressOf } from './client-address';
import type { QueryLimitChecker } from './query-limits';

/** Who asks, for admission: the token subject, else the client address. */
export function askerOf(user: RequestContext['user'], clientIp: string): Asker {
  return user
    ? { identity: `user:${user.subject}`, anonymous: false }
    : { identity: `ip:${clientIp}`, anonymous: true };
}

/**
 * Refuses an operation over a query limit on HTTP, after Apollo has parsed and validated it and
 * before anything executes, then asks {@link Admission} whether it may run now (released when the
 * response is sent). It runs per request (not as a cached validation rule) because the cost
 * depends on the variables and the caller. A limit refusal is a request error: 400 (200 for
 * `application/json` clients, see graphqlOverHttpPlugin), no `data`; an admission refusal 429
 * with `Retry-After`.
 */
export function queryLimitsPlugin(
  limits: QueryLimitChecker,
  admission: Admission,
  maxCost: number,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const asker = askerOf(contextValue.user, contextValue.clientIp);
      let release: () => void = () => undefined;
      return {
        async didResolveOperation({ document, request, response }) {
          const refused = limits.check(
            document,
            request.variables,
            admission.maxCost(asker, maxCost),
          );
          if (refused !== undefined) {
            admission.noteRefusal(asker);
            response.http.status = 400;
            throw refused;
          }
          const verdict = admission.admit(asker, limits.cost(document, request.variables));
          if (!verdict.admitted) {
            admission.noteRefusal(asker);
            response.http.status = 429;
            response.http.headers.set(
              'retry-after',
              String(verdict.refusal.extensions.retryAfterSeconds),
            );
            throw verdict.refusal;
          }
          release = verdict.release;
        },
        async willSendResponse() {
          release();
        },
      };
    },
  };
}

/**
 * Holds back repeat offenders (see {@link Admission.holdsBack}) before their request body is
 * read: requests without a token from such an address wait {@link HOLD_BACK_MS} and get 429.
 */
export function holdBackRepeatOffenders(
  admission: Admission,
  trustProxyHops: number,
): RequestHandler {
  return (req, res, next) => {
    const identity = `ip:${clientAddressOf(req, trustProxyHops)}`;
    if (req.headers.authorization !== undefined || !admission.holdsBack(identity)) return next();
    const retryAfterSeconds = Math.ceil(OFFENCE_WINDOW_MS / 1000);
    setTimeout(() => {
      res
        .status(429)
        .set('retry-after', String(retryAfterSeconds))
        .json({
          errors: [
            {
              message: `expected fewer refused operations from this address; try again in ${retryAfterSeconds} s`,
              extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds },
            },
          ],
        });
    }, HOLD_BACK_MS);
  };
}
