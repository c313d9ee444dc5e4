import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors';

/** The media types of a GraphQL response (GraphQL over HTTP, section "Media types"). */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
/** The legacy media type, still the default for clients that accept anything. */
export const APPLICATION_JSON = 'application/json';

/** A media type this API answers GraphQL requests with. */
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

/** Offered in this order: on a tie, `application/json`, as the spec asks for `*` / `*` clients. */
const OFFERS: readonly ResponseMediaType[] = [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON];

interface Range {
  type: string;
  subtype: string;
  q: number;
  charset?: string;
  index: number;
}

interface Match {
  offer: ResponseMediaType;
  q: number;
  specificity: number;
  index: number;
  order: number;
}

/**
 * Picks the response media type for an `Accept` header as HTTP content negotiation does: the
 * offer with the highest quality, then the most specific matching range (`application/json`
 * before `application/*` before `*` / `*`), then the range listed first, then `application/json`.
 * A missing header means `application/json` (the spec's rule for legacy clients).
 *
 * @returns the media type, or `undefined` when the header accepts neither (the caller answers 406)
 */
export function negotiateResponseType(accept: string | undefined): ResponseMediaType | undefined {
  if (accept === undefined || accept.trim() === '') return APPLICATION_JSON;
  const ranges = accept.split(',').map(parseRange);
  const matches = OFFERS.map((offer, order) => bestMatch(offer, order, ranges)).filter(
    (match): match is Match => match !== undefined && match.q > 0,
  );
  matches.sort(
    (a, b) => b.q - a.q || b.specificity - a.specificity || a.index - b.index || a.order - b.order,
  );
  return matches[0]?.offer;
}

function parseRange(text: string, index: number): Range {
  const [mediaRange = '', ...parameters] = text.split(';').map((part) => part.trim());
  const [type = '', subtype = ''] = mediaRange.toLowerCase().split('/');
  let q = 1;
  let charset: string | undefined;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim().toLowerCase());
    if (name === 'q') q = Number.isFinite(Number(value)) ? Number(value) : 0;
    if (name === 'charset') charset = value.replace(/^"|"$/g, '');
  }
  return { type, subtype, q, charset, index };
}

/** The most specific range that accepts `offer` (we always answer in UTF-8). */
function bestMatch(offer: ResponseMediaType, order: number, ranges: Range[]): Match | undefined {
  const [offerType, offerSubtype] = offer.split('/');
  let best: Match | undefined;
  for (const range of ranges) {
    if (range.charset !== undefined && range.charset !== 'utf-8' && range.charset !== 'utf8') {
      continue;
    }
    let specificity: number;
    if (range.type === offerType && range.subtype === offerSubtype) specificity = 2;
    else if (range.type === offerType && range.subtype === '*') specificity = 1;
    else if (range.type === '*' && range.subtype === '*') specificity = 0;
    else continue;
    if (best === undefined || specificity > best.specificity) {
      best = { offer, q: range.q, specificity, index: range.index, order };
    }
  }
  return best;
}

/**
 * Faults of a well-formed request's GraphQL document or variables; the spec answers them with 200
 * for `application/json`. A malformed request (no query, a query that is not a string) is not
 * one of them and keeps its 400.
 */
const DOCUMENT_FAULT_CODES = new Set<unknown>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  // Apollo's code for variables that do not coerce.
  ApolloServerErrorCode.BAD_USER_INPUT,
  ErrorCode.QUERY_TOO_COMPLEX,
]);

function isDocumentFault(errors: readonly GraphQLFormattedError[] | undefined): boolean {
  return (
    errors !== undefined &&
    errors.length > 0 &&
    errors.every((error) => DOCUMENT_FAULT_CODES.has(error.extensions?.code))
  );
}

/**
 * Makes Apollo's responses follow the GraphQL over HTTP status rules for both media types. Apollo
 * answers a document fault (unparsable or invalid document, variables that do not coerce, a
 * refused query limit) with 400 whatever the client accepts; the spec wants 200 for
 * `application/json`, the legacy type whose clients read errors from the body only, and keeps
 * 400 for `application/graphql-response+json`. The content type is set here from the same
 * negotiation, so that status and type always agree.
 */
export function graphqlOverHttpPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // Subscriptions are streams: they run over graphql-ws on the same path. Executed over HTTP
        // they would reach resolvers that expect a live event (found by the fuzzer).
        async didResolveOperation({ operation, response }) {
          if (operation?.operation !== 'subscription') return;
          response.http.status = 400;
          throw new GraphQLError(
            'expected a query or mutation over HTTP, got a subscription; subscribe over WebSocket (graphql-ws) on the same path',
            { extensions: { code: ApolloServerErrorCode.BAD_REQUEST } },
          );
        },
        async willSendResponse({ request, response }) {
          if (request.http === undefined || response.body.kind !== 'single') return;
          const mediaType = negotiateResponseType(request.http.headers.get('accept'));
          // Nothing acceptable: Apollo answers 406 itself.
          if (mediaType === undefined) return;
          response.http.headers.set('content-type', `${mediaType}; charset=utf-8`);
          const { singleResult } = response.body;
          if (
            mediaType === APPLICATION_JSON &&
            response.http.status === 400 &&
            !('data' in singleResult) &&
            isDocumentFault(singleResult.errors)
          ) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
