import type { App } from '../../src/app';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-actor-';
const PARTNERS: TestPartner[] = [
  ['lead', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']],
  ['b', 'ACTIVE', ['religion/SERVICE']],
  ['c', 'ACTIVE', ['abilities/SERVICE']],
  ['erased', 'ACTIVE', ['age/SERVICE']],
  ['paused', 'PAUSED', ['religion/COMMUNITY']],
  ['applied', 'APPLIED', ['gender/COMMUNITY']],
  ['revoker', 'ACTIVE', ['age/ADVOCACY']],
];
const id = (name: string) => `${PREFIX}${name}`;

const CREATE = `mutation($input: CreateCooperationInput!) { createCooperation(input: $input) { id } }`;
const ADD = `mutation($c: ID!, $p: ID!) { addCooperationPartner(cooperationId: $c, partnerId: $p) { id } }`;
const LEAVE = `mutation($id: ID!) { recordPartnerLeft(id: $id) { status } }`;
const ERASE = `mutation($id: ID!) { erasePartner(id: $id) { status } }`;
const REVOKE = `mutation($id: ID!) { revokePartnerTokens(id: $id) { id } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdatePartnerProfileInput!) {
  updatePartnerProfile(id: $id, version: $v, input: $input) { id contactEmail } }`;

/** Tokens carry `iat` in whole seconds; ended tokens end one second ahead (see the repository). */
const nextTokenSecond = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('one actor rule: a PARTNER acts only while its partner is ACTIVE', () => {
  let app: App;

  beforeAll(async () => {
    app = await startTestApp();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: 'T-Actor ' });
  });

  afterAll(async () => {
    // The cooperation got an id from the API, so it goes by its partners, before they go.
    await app.database.executor.write(
      {
        cypher: `MATCH (p:Partner)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE p.id STARTS WITH $prefix
DETACH DELETE c`,
        params: { prefix: PREFIX },
      },
      () => null,
    );
    await app.database.executor.write(
      {
        cypher: 'MATCH (p:Partner) WHERE p.id STARTS WITH $prefix DETACH DELETE p',
        params: { prefix: PREFIX },
      },
      () => null,
    );
    await app.stop();
  });

  const gql = async (query: string, variables: Record<string, unknown>, headers = {}) =>
    (await postGraphQL(app, query, variables, headers)).body;
  const code = (body: Awaited<ReturnType<typeof gql>>) => body.errors?.[0]?.extensions?.code;
  const version = async (name: string) =>
    (
      await app.database.executor.read(
        { cypher: 'MATCH (p:Partner {id: $id}) RETURN p.version AS v', params: { id: id(name) } },
        (r) => Number(r.get('v')),
      )
    )[0];

  it('should end the tokens of a partner that left: its old token gets 401, a new one FORBIDDEN', async () => {
    const lead = await partnerAuth(id('lead'));
    const created = await gql(
      CREATE,
      {
        input: {
          title: 'T-Actor Kooperation',
          kind: 'DIVERSITY_COOPERATION',
          leadPartnerId: id('lead'),
          partnerIds: [id('b')],
          dimensionKeys: ['age', 'religion'],
          startedOn: '2024-01-01',
        },
      },
      lead,
    );
    const cooperationId = (created.data as { createCooperation: { id: string } }).createCooperation
      .id;
    expect((await gql(LEAVE, { id: id('lead') }, await coordinatorAuth())).errors).toBeUndefined();

    const withOldToken = await postGraphQL(app, ADD, { c: cooperationId, p: id('c') }, lead);
    expect(withOldToken.status).toBe(401);
    await nextTokenSecond();
    const withNewToken = await gql(
      ADD,
      { c: cooperationId, p: id('c') },
      await partnerAuth(id('lead')),
    );
    expect(code(withNewToken)).toBe('FORBIDDEN');
    expect(withNewToken.errors?.[0]?.extensions?.partnerStatus).toBe('LEFT');
  });

  it('should let an erased partner write nothing back onto its anonymised record', async () => {
    const own = await partnerAuth(id('erased'));
    expect(
      (await gql(ERASE, { id: id('erased') }, await coordinatorAuth())).errors,
    ).toBeUndefined();
    const input = { contactEmail: 'wieder@example.org' };
    const old = await postGraphQL(
      app,
      UPDATE,
      { id: id('erased'), v: await version('erased'), input },
      own,
    );
    expect(old.status).toBe(401);
    await nextTokenSecond();
    const fresh = await gql(
      UPDATE,
      { id: id('erased'), v: await version('erased'), input },
      await partnerAuth(id('erased')),
    );
    expect(code(fresh)).toBe('FORBIDDEN');
    const [email] = await app.database.executor.read(
      {
        cypher: 'MATCH (p:Partner {id: $id}) RETURN p.contactEmail AS e',
        params: { id: id('erased') },
      },
      (r) => r.get('e') as unknown,
    );
    expect(email).toBeNull();
  });

  it('should refuse a PAUSED partner and let an APPLIED one complete its own profile', async () => {
    const input = { contactEmail: 'neu@example.org' };
    const paused = await gql(
      UPDATE,
      { id: id('paused'), v: await version('paused'), input },
      await partnerAuth(id('paused')),
    );
    expect(code(paused)).toBe('FORBIDDEN');
    expect(paused.errors?.[0]?.message).toMatch(/to be ACTIVE or APPLIED, but it is PAUSED/);
    const applied = await gql(
      UPDATE,
      { id: id('applied'), v: await version('applied'), input },
      await partnerAuth(id('applied')),
    );
    expect(applied.errors).toBeUndefined();
  });

  it('should close the open WebSocket of a partner whose tokens it revoked, with 4403', async () => {
    const own = await partnerAuth(id('revoker'));
    // Not lazy: the socket stays open without a running operation.
    const client = createClient({
      url: app.server.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: own.authorization },
      retryAttempts: 0,
      lazy: false,
      // The close this test waits for is expected; the default would print it as an error.
      onNonLazyError: () => undefined,
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.on('closed', (event) => resolve(event as { code: number; reason: string })),
    );
    await new Promise((resolve) => client.on('connected', resolve));

    expect((await gql(REVOKE, { id: id('revoker') }, own)).errors).toBeUndefined();
    expect(await closed).toMatchObject({ code: 4403, reason: 'Token revoked' });
    expect((await postGraphQL(app, REVOKE, { id: id('revoker') }, own)).status).toBe(401);
    await client.dispose();
  });
});
