import type { App } from '../../src/app';
import { postGraphQL } from './test-app';

/** The mutations of a Kooperationsbörse, as the tests and the benchmark call them. */
export const EXCHANGE_MUTATIONS = {
  create: `mutation C($input: CreateExchangeInput!) { createExchange(input: $input) { id status } }`,
  open: `mutation O($id: ID!) { openExchange(id: $id) { id status } }`,
  close: `mutation X($id: ID!) { closeExchange(id: $id) { id status } }`,
  checkIn: `mutation I($exchangeId: ID!, $partnerId: ID!) { checkIn(exchangeId: $exchangeId, partnerId: $partnerId) { id } }`,
  checkOut: `mutation U($exchangeId: ID!, $partnerId: ID!) { checkOut(exchangeId: $exchangeId, partnerId: $partnerId) { id } }`,
  createPost: `mutation P($exchangeId: ID!, $partnerId: ID!, $input: CreatePostInput!) {
    createPost(exchangeId: $exchangeId, partnerId: $partnerId, input: $input) { id } }`,
  expressInterest: `mutation E($exchangeId: ID!, $partnerId: ID!, $inPartnerId: ID!) {
    expressInterest(exchangeId: $exchangeId, partnerId: $partnerId, inPartnerId: $inPartnerId) { __typename } }`,
} as const;

/** Runs a mutation and returns its data; throws with the errors when there are any. */
export async function mutate<T = Record<string, unknown>>(
  app: App | { server: { url: string } },
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<T> {
  const { body } = await postGraphQL<T>(app as App, query, variables, headers);
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
