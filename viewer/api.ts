import { language } from './i18n';
import type { ApiEdge, ApiNetwork, DimensionName } from './network-data';

/** The API's GraphQL endpoint, on the origin that served the page (CSP: connect-src 'self'). */
const GRAPHQL_URL = '/graphql';

const NETWORK_QUERY = `query ViewerNetwork {
  network(mode: PARTNERS) {
    nodes {
      id label sector size degree community x y
      districtKey districtName borough status dimensions { key perspective }
    }
    edges { source target weight kinds firstYear lastYear }
    metrics { communities }
  }
  dimensions { key nameDe nameEn }
}`;

const EDGES_QUERY = `query ViewerEdges($filter: NetworkFilter) {
  network(mode: PARTNERS, filter: $filter) { edges { source target weight } }
}`;

const SUGGESTIONS_QUERY = `query ViewerSuggestions($partnerId: ID!) {
  suggestedPartners(partnerId: $partnerId, first: 5) {
    score partner { id name } reasons { code text }
  }
}`;

const EXPLAIN_QUERY = `query ViewerExplainPair($partnerId: ID!, $candidateId: ID!) {
  explainPair(partnerId: $partnerId, candidateId: $candidateId) {
    eligible score rank rankedAmong rules { rule passed text }
  }
}`;

/** A reason of a suggestion, as a sentence in the page's language. */
export interface Reason {
  code: string;
  text: string;
}

/** One suggested partner as the side panel lists it. */
export interface Suggestion {
  score: number;
  partner: { id: string; name: string };
  reasons: Reason[];
}

/** The hard rules of a pair (`explainPair`), as the side panel lists them. */
export interface PairExplanation {
  eligible: boolean;
  score: number;
  rank: number;
  rankedAmong: number;
  rules: { rule: string; passed: boolean; text: string }[];
}

/** What the page loads first: the network and the dimensions' names. */
export interface ViewerData {
  network: ApiNetwork;
  dimensions: DimensionName[];
}

/** The edges filter of `network`: cooperation kinds and a time window. */
export interface EdgeFilter {
  cooperationKinds?: string[];
  from?: string;
  to?: string;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: Record<string, unknown> }[];
}

/** A GraphQL error the API answered, with its `extensions` (`code` and details). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A failed request the page explains in its own language: `reason` names the text, `status` is
 * the HTTP status when there was an answer.
 */
export class RequestError extends Error {
  constructor(
    readonly reason: 'API_UNREACHABLE' | 'API_HTTP' | 'API_STATUS',
    readonly status?: number,
  ) {
    super(`${reason}${status === undefined ? '' : ` ${status}`}`);
  }
}

/**
 * Posts one GraphQL operation. A JSON body is what Apollo's CSRF prevention expects from a
 * browser (a "simple" form or text request would be refused). `Accept-Language` asks for the
 * reasons' and rules' sentences in the page's language (a CORS-safelisted header).
 *
 * @throws an {@link ApiError} for the first GraphQL error of the answer; a {@link RequestError}
 *   when the request fails or the answer is not JSON
 */
async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'accept-language': language(),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new RequestError('API_UNREACHABLE');
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new RequestError('API_HTTP', response.status);
  }
  const firstError = body.errors?.[0];
  if (firstError) {
    throw new ApiError(
      firstError.message ?? `HTTP ${response.status}`,
      firstError.extensions ?? {},
    );
  }
  if (!response.ok || !body.data) throw new RequestError('API_STATUS', response.status);
  return body.data;
}

/** The partner network with layout positions, communities and node attributes. */
export async function fetchNetwork(): Promise<ViewerData> {
  return graphql<ViewerData>(NETWORK_QUERY);
}

/**
 * The edges that remain when only some cooperation kinds or a time window count (the API counts
 * the cooperations again; the nodes and their positions stay those of the whole network).
 */
export async function fetchFilteredEdges(filter: EdgeFilter): Promise<ApiEdge[]> {
  const data = await graphql<{ network: { edges: ApiEdge[] } }>(EDGES_QUERY, { filter });
  return data.network.edges;
}

/** The five best suggested partners of one partner, with their reasons. */
export async function fetchSuggestions(partnerId: string): Promise<Suggestion[]> {
  const data = await graphql<{ suggestedPartners: Suggestion[] }>(SUGGESTIONS_QUERY, {
    partnerId,
  });
  return data.suggestedPartners;
}

/** Why `candidateId` is (or is not) suggested to `partnerId`: every hard rule with its sentence. */
export async function fetchExplanation(
  partnerId: string,
  candidateId: string,
): Promise<PairExplanation> {
  const data = await graphql<{ explainPair: PairExplanation }>(EXPLAIN_QUERY, {
    partnerId,
    candidateId,
  });
  return data.explainPair;
}
