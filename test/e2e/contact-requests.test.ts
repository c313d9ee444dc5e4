import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { describeRoleMatrix, type MatrixOutcome } from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-contact-';
const TITLE = 'T-Contact ';
const OPEN_MAX = 3;
const COOLDOWN_DAYS = 30;

/** Dedicated test partners; each test uses its own, so the tests do not depend on each other. */
const PARTNERS: TestPartner[] = [
  ...[
    'a',
    'b',
    'c',
    'd',
    'e',
    'f',
    'g',
    'h',
    'lim',
    'l1',
    'l2',
    'l3',
    'l4',
    'gone',
    'kept',
    'bad',
    'x1',
    'x2',
    'own',
    'other',
  ].map((name): TestPartner => [name, 'ACTIVE', ['age/COMMUNITY']]),
  ['paused', 'PAUSED', ['religion/COMMUNITY']],
];
const id = (name: string) => `${PREFIX}${name}`;
const email = (name: string) => `${name}@kontakt.example`;

const REQUEST_FIELDS = `id status message createdAt answeredAt revokedAt revokedBy
  context { kind exchangeId matchId } from { id } to { id }`;
const REQUEST = `mutation($input: RequestContactInput!) { requestContact(input: $input) { ${REQUEST_FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptContactRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const DECLINE = `mutation($id: ID!) { declineContactRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const REVOKE = `mutation($p: ID!) { revokeContact(partnerId: $p) { ${REQUEST_FIELDS} } }`;
const MINE = `query($direction: ContactDirection!, $status: ContactRequestStatus, $first: Int, $after: String) {
  myContactRequests(direction: $direction, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status message from { id contactEmail } to { id contactEmail } } } } }`;
const STATS = `query($from: LocalDate!, $to: LocalDate!) { contactRequestStats(from: $from, to: $to) {
  from to counts { total pending accepted declined revoked }
  byMonth { month counts { total pending accepted declined revoked } } } }`;
const CONTACT = `query($id: ID!) { partner(id: $id) { id contactName contactEmail contactPhone } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface RequestResult {
  id: string;
  status: string;
  message: string | null;
  answeredAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  context: { kind: string; exchangeId: string | null; matchId: string | null };
  from: { id: string };
  to: { id: string };
}
interface ContactResult {
  id: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** A valid input of requestContact to a partner; tests change what they test. */
const input = (to: string, change: Vars = {}): Vars => ({
  toPartnerId: id(to),
  message: `Hallo ${to},\n\twir würden gern mit euch über eine Kooperation sprechen.`,
  context: { kind: 'SUGGESTION' },
  ...change,
});

describe('contact requests', () => {
  let app: App;
  let plainApp: App;
  let coordinator: Headers;
  let fresh = 0;

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  /** Runs an operation over HTTP and returns the body. */
  const http = async <T = Record<string, unknown>>(
    query: string,
    vars: Vars,
    headers: Headers,
    on: App = app,
  ) => (await postGraphQL<T>(on, query, vars, headers)).body;

  const as = (name: string) => partnerAuth(id(name));
  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;
  const pathsOf = (body: GraphQLResponse<unknown>) =>
    ((body.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

  /** Sends a request and expects it to succeed. */
  async function request(from: string, to: string, change: Vars = {}): Promise<RequestResult> {
    const body = await http<{ requestContact: RequestResult }>(
      REQUEST,
      { input: input(to, change) },
      await as(from),
    );
    expect(body.errors).toBeUndefined();
    return body.data?.requestContact as RequestResult;
  }

  /** Answers a request and expects it to succeed. */
  async function answer(query: string, by: string, requestId: string): Promise<RequestResult> {
    const body = await http<Record<string, RequestResult>>(query, { id: requestId }, await as(by));
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] as RequestResult;
  }

  /** What `viewer` sees of `name`'s contact data through `partner(id)`. */
  async function contactSeen(viewer: string, name: string, on: App = app) {
    const body = await http<{ partner: ContactResult }>(
      CONTACT,
      { id: id(name) },
      await as(viewer),
      on,
    );
    expect(body.errors).toBeUndefined();
    return body.data?.partner as ContactResult;
  }

  const notifications = (partner: string) =>
    cypher<{ kind: string; subjectId: string; otherPartnerId: string; text: string | null }>(
      `MATCH (n:Notification {partnerId: $partnerId})
RETURN n.kind AS kind, n.subjectId AS subjectId, n.otherPartnerId AS otherPartnerId, n.text AS text
ORDER BY n.createdAt`,
      { partnerId: id(partner) },
    );

  /** A new ACTIVE partner, for operations that need a fresh target each time. */
  async function freshPartner(): Promise<string> {
    fresh += 1;
    const name = `fresh-${fresh}`;
    await createTestPartners(app, [[name, 'ACTIVE', ['age/SERVICE']]], {
      prefix: PREFIX,
      title: TITLE,
    });
    return name;
  }

  /** A request stored straight in the graph (for the matrix: a fresh one per call). */
  async function storedRequest(from: string, to: string, status: 'PENDING' | 'ACCEPTED') {
    const requestId = `${PREFIX}cr-${from}-${to}`;
    await cypher(
      `MATCH (a:Partner {id: $from}), (b:Partner {id: $to})
CREATE (r:ContactRequest {id: $id, fromPartnerId: $from, toPartnerId: $to, pairKey: $pairKey,
  message: 'Hallo', status: $status, contextKind: 'PROFILE', createdAt: datetime(),
  answeredAt: CASE WHEN $status = 'ACCEPTED' THEN datetime() END})
FOREACH (_ IN CASE WHEN $status = 'ACCEPTED' THEN [1] ELSE [] END |
  CREATE (a)-[:SHARES_CONTACT {requestId: $id}]->(b))`,
      {
        id: requestId,
        from: id(from),
        to: id(to),
        pairKey: [id(from), id(to)].sort().join('|'),
        status,
      },
    );
    return requestId;
  }

  beforeAll(async () => {
    const env = {
      CONTACT_REQUESTS_OPEN_MAX: String(OPEN_MAX),
      CONTACT_REQUEST_COOLDOWN_DAYS: String(COOLDOWN_DAYS),
    };
    app = await startTestApp(env);
    plainApp = await startTestApp({ ...env, READ_COMPILER: 'false' });
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    await cypher(
      `MATCH (p:Partner) WHERE p.id STARTS WITH $prefix
SET p.contactName = 'Ansprechperson ' + p.id, p.contactEmail = substring(p.id, size($prefix)) + '@kontakt.example',
    p.contactPhone = '+49 621 ' + size(p.id)`,
      { prefix: PREFIX },
    );
    await cypher(
      `CREATE (x:Exchange {id: $exchange, title: 'T-Contact Börse', status: 'OPEN', createdAt: datetime()})
CREATE (:ExchangeMatch {id: $match, exchangeId: $exchange, pairKey: $pairKey,
  partnerIds: [$x1, $x2], createdAt: datetime(), cooperationId: null})-[:IN]->(x)`,
      {
        exchange: id('exchange'),
        match: id('match'),
        x1: id('x1'),
        x2: id('x2'),
        pairKey: [id('x1'), id('x2')].sort().join('|'),
      },
    );
  });

  afterAll(async () => {
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x STARTS WITH $prefix) DELETE a`,
      { prefix: PREFIX },
    );
    await cypher(
      `MATCH (n) WHERE (n:ContactRequest AND n.fromPartnerId STARTS WITH $prefix)
   OR (n:Notification AND n.partnerId STARTS WITH $prefix)
   OR ((n:Exchange OR n:ExchangeMatch OR n:Partner) AND n.id STARTS WITH $prefix)
DETACH DELETE n`,
      { prefix: PREFIX },
    );
    await plainApp.stop();
    await app.stop();
  });

  describe('the journey: request, accept, see each other, revoke', () => {
    let requestId: string;

    it('should create a PENDING request and tell the target, quoting the message', async () => {
      const created = await request('a', 'b', { context: { kind: 'EXPLAIN_PAIR' } });
      requestId = created.id;
      expect(created).toMatchObject({
        status: 'PENDING',
        from: { id: id('a') },
        to: { id: id('b') },
        context: { kind: 'EXPLAIN_PAIR', exchangeId: null, matchId: null },
        answeredAt: null,
      });
      expect(created.id).toMatch(/^cr-[0-9a-f-]{36}$/);
      expect(await notifications('b')).toEqual([
        {
          kind: 'CONTACT_REQUESTED',
          subjectId: requestId,
          otherPartnerId: id('a'),
          text: input('b').message,
        },
      ]);
      expect(await notifications('a')).toEqual([]);
    });

    it('should show the request to the target as INCOMING, without contact data yet', async () => {
      const body = await http<{ myContactRequests: { edges: { node: unknown }[] } }>(
        MINE,
        { direction: 'INCOMING' },
        await as('b'),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.myContactRequests.edges.map((e) => e.node)).toEqual([
        {
          id: requestId,
          status: 'PENDING',
          message: input('b').message,
          from: { id: id('a'), contactEmail: null },
          to: { id: id('b'), contactEmail: email('b') },
        },
      ]);
      expect((await contactSeen('b', 'a')).contactEmail).toBeNull();
      expect((await contactSeen('a', 'b')).contactEmail).toBeNull();
    });

    it('should let the target accept, tell the requester and record both ids in the audit log', async () => {
      const accepted = await answer(ACCEPT, 'b', requestId);
      expect(accepted).toMatchObject({ id: requestId, status: 'ACCEPTED' });
      expect(accepted.answeredAt).not.toBeNull();
      expect(await notifications('a')).toEqual([
        { kind: 'CONTACT_ACCEPTED', subjectId: requestId, otherPartnerId: id('b'), text: null },
      ]);
      const audit = await cypher<{ ids: string[]; actor: string }>(
        `MATCH (e:AuditEntry {operation: 'acceptContactRequest'}) WHERE $id IN e.ids
RETURN e.ids AS ids, e.actor AS actor`,
        { id: requestId },
      );
      expect(audit).toEqual([{ ids: [requestId, id('a'), id('b')], actor: expect.any(String) }]);
    });

    it('should show each partner the other’s contact data, compiled and through the loaders', async () => {
      for (const on of [app, plainApp]) {
        expect(await contactSeen('a', 'b', on)).toEqual({
          id: id('b'),
          contactName: `Ansprechperson ${id('b')}`,
          contactEmail: email('b'),
          contactPhone: expect.stringMatching(/^\+49 621 /),
        });
        expect((await contactSeen('b', 'a', on)).contactEmail).toBe(email('a'));
        // Nobody else: a third partner and PUBLIC.
        expect((await contactSeen('c', 'a', on)).contactEmail).toBeNull();
        const anonymous = await http<{ partner: ContactResult }>(CONTACT, { id: id('a') }, {}, on);
        expect(anonymous.data?.partner.contactEmail).toBeNull();
      }
    });

    it('should show the contact data through a nested path (myContactRequests → from)', async () => {
      for (const on of [app, plainApp]) {
        const body = await http<{
          myContactRequests: { edges: { node: { from: { contactEmail: string | null } } }[] };
        }>(MINE, { direction: 'INCOMING', status: 'ACCEPTED' }, await as('b'), on);
        expect(body.errors).toBeUndefined();
        expect(body.data?.myContactRequests.edges.map((e) => e.node.from.contactEmail)).toEqual([
          email('a'),
        ]);
      }
    });

    it('should answer a repeat from either side with the accepted request', async () => {
      expect((await request('a', 'b')).id).toBe(requestId);
      expect((await request('b', 'a')).id).toBe(requestId);
      expect(await notifications('b')).toHaveLength(1);
      expect((await answer(ACCEPT, 'b', requestId)).status).toBe('ACCEPTED');
      expect(await notifications('a')).toHaveLength(1);
    });

    it('should let either side revoke: nobody sees the other’s contact data any more', async () => {
      const body = await http<{ revokeContact: RequestResult }>(
        REVOKE,
        { p: id('b') },
        await as('a'),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.revokeContact).toMatchObject({
        id: requestId,
        status: 'REVOKED',
        revokedBy: id('a'),
      });
      for (const on of [app, plainApp]) {
        expect((await contactSeen('a', 'b', on)).contactEmail).toBeNull();
        expect((await contactSeen('b', 'a', on)).contactEmail).toBeNull();
      }
      const shares = await cypher(
        `MATCH (:Partner {id: $a})-[s:SHARES_CONTACT]-(:Partner {id: $b}) RETURN s`,
        { a: id('a'), b: id('b') },
      );
      expect(shares).toEqual([]);
    });

    it('should treat revoking again, from either side, as a no-op', async () => {
      for (const [by, other] of [
        ['a', 'b'],
        ['b', 'a'],
      ] as const) {
        const body = await http<{ revokeContact: RequestResult }>(
          REVOKE,
          { p: id(other) },
          await as(by),
        );
        expect(body.errors).toBeUndefined();
        expect(body.data?.revokeContact).toMatchObject({ status: 'REVOKED', revokedBy: id('a') });
      }
    });

    it('should hold back the partner whose contact was revoked for the cool-down', async () => {
      const body = await http(REQUEST, { input: input('a') }, await as('b'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions).toMatchObject({
        currentStatus: 'REVOKED',
        retryAfter: expect.any(String),
      });
    });

    it('should let the partner who revoked ask again at once (a new request)', async () => {
      const again = await request('a', 'b');
      expect(again.id).not.toBe(requestId);
      expect(again.status).toBe('PENDING');
    });
  });

  describe('decline', () => {
    let requestId: string;

    it('should decline without telling anyone; the requester sees only DECLINED', async () => {
      requestId = (await request('c', 'd')).id;
      const declined = await answer(DECLINE, 'd', requestId);
      expect(declined).toMatchObject({ status: 'DECLINED' });
      expect(await notifications('c')).toEqual([]);
      const body = await http<{
        myContactRequests: { totalCount: number; edges: { node: { status: string } }[] };
      }>(MINE, { direction: 'OUTGOING', status: 'DECLINED' }, await as('c'));
      expect(body.data?.myContactRequests.totalCount).toBe(1);
      expect(body.data?.myContactRequests.edges[0]?.node.status).toBe('DECLINED');
    });

    it('should treat declining again as a no-op and refuse accepting a declined request', async () => {
      expect((await answer(DECLINE, 'd', requestId)).status).toBe('DECLINED');
      const body = await http(ACCEPT, { id: requestId }, await as('d'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.message).toMatch(/to be PENDING, got DECLINED/);
      expect(body.errors?.[0]?.extensions?.currentStatus).toBe('DECLINED');
    });

    it('should refuse a new request within the cool-down, naming the status', async () => {
      const body = await http(REQUEST, { input: input('d') }, await as('c'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions).toMatchObject({
        currentStatus: 'DECLINED',
        retryAfter: expect.any(String),
      });
    });

    it('should not hold back the partner who declined', async () => {
      const back = await request('d', 'c');
      expect(back.status).toBe('PENDING');
      await answer(DECLINE, 'c', back.id);
    });

    it('should allow a new request once the cool-down passed', async () => {
      await cypher(
        `MATCH (r:ContactRequest {id: $id}) SET r.answeredAt = datetime() - duration({days: $days})`,
        { id: requestId, days: COOLDOWN_DAYS + 1 },
      );
      const again = await request('c', 'd');
      expect(again.id).not.toBe(requestId);
      expect(again.status).toBe('PENDING');
    });
  });

  describe('repeats and the open-request limit', () => {
    it('should return the same PENDING request on a repeat, writing one notification', async () => {
      const first = await request('e', 'f');
      const second = await request('e', 'f', { message: 'Noch einmal: Hallo!' });
      expect(second.id).toBe(first.id);
      expect(second.message).toBe(first.message);
      expect(await notifications('f')).toHaveLength(1);
      const nodes = await cypher('MATCH (r:ContactRequest {fromPartnerId: $from}) RETURN r.id', {
        from: id('e'),
      });
      expect(nodes).toHaveLength(1);
    });

    it('should refuse a request back while the other’s request waits, pointing to it', async () => {
      const [waiting] = await cypher<{ id: string }>(
        'MATCH (r:ContactRequest {fromPartnerId: $from}) RETURN r.id AS id',
        { from: id('e') },
      );
      const body = await http(REQUEST, { input: input('e') }, await as('f'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.message).toMatch(/accept it with acceptContactRequest/);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        currentStatus: 'PENDING',
        requestId: waiting?.id,
      });
    });

    it(`should allow ${OPEN_MAX} open requests and refuse one more with CONFLICT`, async () => {
      for (const to of ['l1', 'l2', 'l3']) await request('lim', to);
      const body = await http(REQUEST, { input: input('l4') }, await as('lim'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions).toMatchObject({ limit: OPEN_MAX, open: OPEN_MAX });
      // A repeat at the limit still answers with the request.
      expect((await request('lim', 'l1')).status).toBe('PENDING');
    });

    it('should count only PENDING requests against the limit', async () => {
      const [open] = await cypher<{ id: string }>(
        'MATCH (r:ContactRequest {fromPartnerId: $from, toPartnerId: $to}) RETURN r.id AS id',
        { from: id('lim'), to: id('l2') },
      );
      await answer(DECLINE, 'l2', open?.id as string);
      expect((await request('lim', 'l4')).status).toBe('PENDING');
    });

    it('should page through the requests newest first', async () => {
      const first = await http<{
        myContactRequests: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { to: { id: string } } }[];
        };
      }>(MINE, { direction: 'OUTGOING', first: 2 }, await as('lim'));
      expect(first.errors).toBeUndefined();
      const page = first.data?.myContactRequests;
      expect(page?.totalCount).toBe(4);
      expect(page?.pageInfo.hasNextPage).toBe(true);
      expect(page?.edges.map((e) => e.node.to.id)).toEqual([id('l4'), id('l3')]);
      const next = await http<{
        myContactRequests: { edges: { node: { to: { id: string } } }[] };
      }>(
        MINE,
        { direction: 'OUTGOING', first: 2, after: page?.pageInfo.endCursor },
        await as('lim'),
      );
      expect(next.data?.myContactRequests.edges.map((e) => e.node.to.id)).toEqual([
        id('l2'),
        id('l1'),
      ]);
    });
  });

  describe('bad input', () => {
    it.each([
      [
        'to oneself',
        'BAD_USER_INPUT',
        'input.toPartnerId',
        input('bad', { toPartnerId: id('bad') }),
      ],
      ['to a PAUSED partner', 'BAD_USER_INPUT', 'input.toPartnerId', input('paused')],
      ['an empty message', 'BAD_USER_INPUT', 'input.message', input('g', { message: '' })],
      ['a blank message', 'BAD_USER_INPUT', 'input.message', input('g', { message: ' \n\t ' })],
      [
        'a message of 1,001 characters',
        'BAD_USER_INPUT',
        'input.message',
        input('g', { message: 'ä'.repeat(1001) }),
      ],
      [
        'a message with a control character',
        'BAD_USER_INPUT',
        'input.message',
        input('g', { message: 'Hallo\u0007' }),
      ],
      [
        'a message with a carriage return',
        'BAD_USER_INPUT',
        'input.message',
        input('g', { message: 'Hallo\r\nihr' }),
      ],
      [
        'an EXCHANGE_MATCH without a match',
        'BAD_USER_INPUT',
        'input.context.matchId',
        input('g', { context: { kind: 'EXCHANGE_MATCH' } }),
      ],
      [
        'a match named for a SUGGESTION',
        'BAD_USER_INPUT',
        'input.context.matchId',
        input('g', { context: { kind: 'SUGGESTION', matchId: id('match') } }),
      ],
      [
        'a match of other partners',
        'BAD_USER_INPUT',
        'input.context.matchId',
        input('g', { context: { kind: 'EXCHANGE_MATCH', matchId: id('match') } }),
      ],
      [
        'an unknown exchange',
        'BAD_USER_INPUT',
        'input.context.exchangeId',
        input('g', { context: { kind: 'SUGGESTION', exchangeId: id('nowhere') } }),
      ],
      ['an unknown partner', 'NOT_FOUND', 'input.toPartnerId', input('nobody')],
    ])('should refuse %s with %s at %s', async (_case, code, path, vars) => {
      const body = await http(REQUEST, { input: vars }, await as('bad'));
      expect(codeOf(body)).toBe(code);
      expect(pathsOf(body)).toEqual([path]);
      expect(body.data ?? null).toBeNull();
    });

    it('should name the status of a target that is not ACTIVE', async () => {
      const body = await http(REQUEST, { input: input('paused') }, await as('bad'));
      expect(body.errors?.[0]?.message).toMatch(/ACTIVE partner, got PAUSED/);
    });

    it('should refuse a request by a PAUSED partner with FORBIDDEN', async () => {
      const body = await http(REQUEST, { input: input('g') }, await as('paused'));
      expect(codeOf(body)).toBe('FORBIDDEN');
    });

    it('should accept a message of 1,000 characters with line breaks and tabs', async () => {
      const message = `${'Ü'.repeat(993)}\n\tEnde.`;
      expect([...message]).toHaveLength(1000);
      const created = await request('bad', 'g', { message });
      expect(created.message).toBe(message);
    });

    it('should take an EXCHANGE_MATCH of the two partners and record its exchange', async () => {
      const created = await request('x1', 'x2', {
        context: { kind: 'EXCHANGE_MATCH', matchId: id('match') },
      });
      expect(created.context).toEqual({
        kind: 'EXCHANGE_MATCH',
        exchangeId: id('exchange'),
        matchId: id('match'),
      });
    });

    it('should refuse answers by anyone but the target, and unknown ids', async () => {
      const pending = await request('g', 'h');
      for (const by of ['g', 'c']) {
        for (const query of [ACCEPT, DECLINE]) {
          const body = await http(query, { id: pending.id }, await as(by));
          expect(codeOf(body)).toBe('FORBIDDEN');
        }
      }
      const unknown = await http(ACCEPT, { id: `${PREFIX}none` }, await as('h'));
      expect(codeOf(unknown)).toBe('NOT_FOUND');
      expect(unknown.errors?.[0]?.extensions?.argument).toBe('id');
    });

    it('should refuse declining an accepted request, naming ACCEPTED', async () => {
      const pending = await request('h', 'c');
      await answer(ACCEPT, 'c', pending.id);
      const body = await http(DECLINE, { id: pending.id }, await as('c'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions?.currentStatus).toBe('ACCEPTED');
    });

    it('should let a PAUSED partner decline and revoke, but not accept', async () => {
      const incoming = await storedRequest('h', 'paused', 'PENDING');
      const accept = await http(ACCEPT, { id: incoming }, await as('paused'));
      expect(codeOf(accept)).toBe('FORBIDDEN');
      expect((await answer(DECLINE, 'paused', incoming)).status).toBe('DECLINED');
      await storedRequest('g', 'paused', 'ACCEPTED');
      const body = await http<{ revokeContact: RequestResult }>(
        REVOKE,
        { p: id('g') },
        await as('paused'),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.revokeContact).toMatchObject({
        status: 'REVOKED',
        revokedBy: id('paused'),
      });
    });

    it('should refuse revoking a contact never shared (NOT_FOUND) and with oneself', async () => {
      const never = await http(REVOKE, { p: id('l3') }, await as('bad'));
      expect(codeOf(never)).toBe('NOT_FOUND');
      const self = await http(REVOKE, { p: id('bad') }, await as('bad'));
      expect(codeOf(self)).toBe('BAD_USER_INPUT');
      expect(pathsOf(self)).toEqual(['partnerId']);
    });
  });

  describe('coordinators', () => {
    it('should see counts per status and month, never messages', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const body = await http<{
        contactRequestStats: {
          counts: Record<string, number>;
          byMonth: { month: string; counts: Record<string, number> }[];
        };
      }>(STATS, { from: '2000-01-01', to: today }, coordinator);
      expect(body.errors).toBeUndefined();
      const stats = body.data?.contactRequestStats;
      const [stored] = await cypher<{ total: number; pending: number; declined: number }>(
        `MATCH (r:ContactRequest) WHERE r.createdAt < datetime({date: date($today) + duration({days: 1})})
RETURN count(r) AS total, count(CASE WHEN r.status = 'PENDING' THEN 1 END) AS pending,
  count(CASE WHEN r.status = 'DECLINED' THEN 1 END) AS declined`,
        { today },
      );
      expect(stats?.counts).toMatchObject(stored as object);
      expect(stats?.byMonth.at(-1)?.month).toBe(today.slice(0, 7));
      expect(JSON.stringify(body)).not.toMatch(/Kooperation sprechen/);
    });

    it('should refuse a period that ends before it starts', async () => {
      const body = await http(STATS, { from: '2025-02-01', to: '2025-01-01' }, coordinator);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
    });
  });

  describe('erasure', () => {
    it('should blank the erased partner’s messages, end its shared contacts and open requests', async () => {
      const shared = await request('gone', 'kept');
      await answer(ACCEPT, 'kept', shared.id);
      const pending = await request('gone', 'e');
      const body = await http(
        `mutation($id: ID!) { erasePartner(id: $id) { status } }`,
        { id: id('gone') },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      const rows = await cypher<{ id: string; status: string; message: string | null }>(
        `MATCH (r:ContactRequest) WHERE r.id IN $ids
RETURN r.id AS id, r.status AS status, r.message AS message, r.revokedBy AS revokedBy ORDER BY id`,
        { ids: [shared.id, pending.id] },
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'REVOKED', message: null, revokedBy: id('gone') });
      }
      const shares = await cypher('MATCH (:Partner {id: $id})-[s:SHARES_CONTACT]-() RETURN s', {
        id: id('gone'),
      });
      expect(shares).toEqual([]);
    });
  });

  describe('role × operation matrix', () => {
    type Actor = 'PUBLIC' | 'PARTNER (own)' | 'PARTNER (other)' | 'COORDINATOR';
    const partners: Record<Actor, MatrixOutcome> = {
      PUBLIC: 'UNAUTHENTICATED',
      'PARTNER (own)': 'allowed',
      'PARTNER (other)': 'allowed',
      COORDINATOR: 'FORBIDDEN',
    };
    const targetOnly: Record<Actor, MatrixOutcome> = {
      ...partners,
      'PARTNER (other)': 'FORBIDDEN',
    };

    describeRoleMatrix<Actor>({
      app: () => app,
      actors: {
        PUBLIC: async () => ({}),
        'PARTNER (own)': () => as('own'),
        'PARTNER (other)': () => as('other'),
        COORDINATOR: coordinatorAuth,
      },
      operations: [
        {
          name: 'requestContact',
          prepare: async () => ({ input: input(await freshPartner()) }),
          query: REQUEST,
          outcomes: partners,
        },
        {
          name: 'acceptContactRequest',
          prepare: async () => ({
            id: await storedRequest(await freshPartner(), 'own', 'PENDING'),
          }),
          query: ACCEPT,
          outcomes: targetOnly,
        },
        {
          name: 'declineContactRequest',
          prepare: async () => ({
            id: await storedRequest(await freshPartner(), 'own', 'PENDING'),
          }),
          query: DECLINE,
          outcomes: targetOnly,
        },
        {
          name: 'revokeContact',
          prepare: async () => {
            const other = await freshPartner();
            await storedRequest(other, 'own', 'ACCEPTED');
            return { p: id(other) };
          },
          query: REVOKE,
          // "other" shares no contact with the fresh partner: there is nothing to revoke.
          outcomes: { ...partners, 'PARTNER (other)': 'NOT_FOUND' },
        },
        {
          name: 'myContactRequests',
          prepare: () => ({ direction: 'INCOMING' }),
          query: MINE,
          outcomes: partners,
        },
        {
          name: 'contactRequestStats',
          prepare: () => ({ from: '2024-01-01', to: '2024-12-31' }),
          query: STATS,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (own)': 'FORBIDDEN',
            'PARTNER (other)': 'FORBIDDEN',
            COORDINATOR: 'allowed',
          },
        },
      ],
    });
  });
});
