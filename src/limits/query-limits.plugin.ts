import type { ApolloServerPlugin } from '@apollo/server';
import type { QueryLimitChecker } from './query-limits';

/**
 * Refuses an operation over a query limit on HTTP, after Apollo has parsed and validated it and
 * before anything executes. It runs per request (not as a cached validation rule) because the
 * cost depends on the variables. The refusal is a request error: 400 (200 for
 * `application/json` clients, see graphqlOverHttpPlugin), no `data`.
 */
export function queryLimitsPlugin(limits: QueryLimitChecker): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, response }) {
          const refused = limits.check(document, request.variables);
          if (refused === undefined) return;
          response.http.status = 400;
          throw refused;
        },
      };
    },
  };
}
