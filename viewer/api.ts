import type { ApiNetwork } from './network-data';

/** The API's GraphQL endpoint, on the origin that served the page (CSP: connect-src 'self'). */
const GRAPHQL_URL = '/graphql';

const NETWORK_QUERY = `query ViewerNetwork {
  network(mode: PARTNERS) {
    nodes { id label sector size degree community x y }
    edges { source target weight }
    metrics { communities }
  }
}`;

const SUGGESTIONS_QUERY = `query ViewerSuggestions($partnerId: ID!) {
  suggestedPartners(partnerId: $partnerId, first: 5) { score partner { id name } }
}`;

/** One suggested partner as the side panel lists it. */
export interface Suggestion {
  score: number;
  partner: { id: string; name: string };
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
 * Posts one GraphQL operation. A JSON body is what Apollo's CSRF prevention expects from a
 * browser (a "simple" form or text request would be refused).
 *
 * @throws an {@link ApiError} for the first GraphQL error of the answer; an Error with a message fit
 *   for the page when the request fails or the answer is not JSON
 */
async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new Error('the API cannot be reached');
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new Error(`the API answered HTTP ${response.status} without a GraphQL result`);
  }
  const firstError = body.errors?.[0];
  if (firstError) {
    throw new ApiError(
      firstError.message ?? `HTTP ${response.status}`,
      firstError.extensions ?? {},
    );
  }
  if (!response.ok || !body.data) throw new Error(`the API answered HTTP ${response.status}`);
  return body.data;
}

/** The partner network with layout positions and communities. */
export async function fetchNetwork(): Promise<ApiNetwork> {
  return (await graphql<{ network: ApiNetwork }>(NETWORK_QUERY)).network;
}

/** The five best suggested partners of one partner. */
export async function fetchSuggestions(partnerId: string): Promise<Suggestion[]> {
  const data = await graphql<{ suggestedPartners: Suggestion[] }>(SUGGESTIONS_QUERY, {
    partnerId,
  });
  return data.suggestedPartners;
}
