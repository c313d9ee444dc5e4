import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import type { CypherQuery } from '../../src/db/executor';
import { fromNeo4j } from '../../src/db/values';
import { EXCHANGE_MUTATIONS as M } from '../support/exchange-client';
import { createTestEvents, createTestPartners, type TestPartner } from '../support/fixtures';
import { describeRoleMatrix, type MatrixOutcome } from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp, wsClient } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every partner and event id this suite creates starts with this prefix; afterAll deletes them. */
const PREFIX = 't-xft-';
const TITLE = 'T-Xft ';
const PARTNERS: TestPartner[] = [
  ['a', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']],
  ['b', 'ACTIVE', ['religion/SERVICE', 'age/SERVICE']], // with a: a valid Vielfaltskooperation
  ['c', 'ACTIVE', ['social_origin/COMMUNITY']],
  ['other', 'ACTIVE', ['abilities/SERVICE']],
];
const id = (name: string) => `${PREFIX}${name}`;
const MEETING_DATE = '2026-03-10';

const INTEREST = `mutation($x: ID!, $p: ID!, $in: ID!, $post: ID) {
  expressInterest(exchangeId: $x, partnerId: $p, inPartnerId: $in, postId: $post) {
    match { id } } }`;
const POST = `mutation($x: ID!, $p: ID!, $input: CreatePostInput!) {
  createPost(exchangeId: $x, partnerId: $p, input: $input) { id } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawPost(postId: $id) { id } }`;
const PROPOSE = `mutation($m: ID!, $input: ProposeCooperationInput!) {
  proposeCooperation(matchId: $m, input: $input) { id } }`;
const MY_MATCHES = `query($x: ID!) { myMatches(exchangeId: $x) {
  id partnerIds cooperationId otherPartner { id } partners { id }
  interests { partnerId targetPartnerId post { id kind } }
  cooperation { id } } }`;
const MY_INTERESTS = `query($x: ID!, $d: ExchangeInterestDirection) {
  myInterests(exchangeId: $x, direction: $d) {
    partnerId targetPartnerId postId partner { id } target { id } post { id } match { id } } }`;
const DETAILS = `details {
  __typename
  ... on ExchangeOpened { status eventId }
  ... on ExchangeCheckedIn { partner { id name } }
  ... on ExchangePostCreated { kind post { id status } partner { id } }
  ... on ExchangePostWithdrawn { post { id status } }
  ... on ExchangeInterestExpressed { partner { id } target { id } post { id } }
  ... on ExchangeMatchCreated { partnerIds partners { id name } match { id } }
  ... on ExchangeCooperationProposed { cooperation { id } partner { id } target { id } }
}`;
const activityQuery = (selection: string) => `subscription($x: ID!, $after: String) {
  exchangeActivity(exchangeId: $x, after: $after) { sequence type ${selection} } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface Activity {
  sequence: number;
  type: string;
  details?: Record<string, unknown> & { __typename: string };
}

describe('Kooperationsbörse follow-through', () => {
  let app: App;
  let coordinator: Headers;
  const createdExchanges: string[] = [];
  const clients: Client[] = [];
  const as = (name: string) => partnerAuth(id(name));

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));
  const http = async <T = Record<string, unknown>>(query: string, vars: Vars, headers: Headers) =>
    (await postGraphQL<T>(app, query, vars, headers)).body;
  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  async function ok<T>(query: string, vars: Vars, headers: Headers): Promise<T> {
    const body = await http<Record<string, T>>(query, vars, headers);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] as T;
  }

  /** A fresh OPEN exchange, at the test meeting unless `meeting` is false. */
  async function openExchange(meeting = true): Promise<string> {
    const input = { title: `${TITLE}Börse`, ...(meeting ? { eventId: id('ev-meeting') } : {}) };
    const created = await ok<{ id: string }>(M.create, { input }, coordinator);
    createdExchanges.push(created.id);
    await ok(M.open, { id: created.id }, coordinator);
    return created.id;
  }

  const checkIn = async (x: string, name: string) =>
    ok(M.checkIn, { exchangeId: x, partnerId: id(name) }, await as(name));
  const interest = async (x: string, from: string, to: string, post?: string) =>
    ok<{ match: { id: string } | null }>(
      INTEREST,
      { x, p: id(from), in: id(to), post: post ?? null },
      await as(from),
    );

  const dataVersion = async () =>
    (
      await cypher<{ value: number }>("MATCH (v:DataVersion {id: 'graph'}) RETURN v.value AS value")
    )[0]?.value ?? 0;

  /** An exchange where a and b matched (b first, with a post of a), c is present. */
  async function matchedExchange() {
    const x = await openExchange();
    for (const name of ['a', 'b', 'c']) await checkIn(x, name);
    const post = await ok<{ id: string }>(
      POST,
      { x, p: id('a'), input: { kind: 'OFFER', text: 'Räume für Treffen' } },
      await as('a'),
    );
    await interest(x, 'b', 'a', post.id);
    const { match } = await interest(x, 'a', 'b');
    return { x, postId: post.id, matchId: match?.id as string };
  }

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    await createTestEvents(app, [
      { id: id('ev-meeting'), kind: 'ALLIANCE_MEETING', date: MEETING_DATE },
    ]);
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    const [touched] = await cypher<{ ids: string[] }>(
      `OPTIONAL MATCH (x:Exchange) WHERE x.id IN $exchanges
OPTIONAL MATCH (n)-[:IN]->(x) WHERE n:Post OR n:ExchangeMatch
RETURN collect(DISTINCT n.id) + collect(DISTINCT n.cooperationId) + $exchanges AS ids`,
      { exchanges: createdExchanges },
    );
    const ids = (touched?.ids ?? []).filter((i) => i !== null);
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x IN $ids OR x STARTS WITH $prefix) DELETE a`,
      { ids, prefix: PREFIX },
    );
    await cypher('MATCH (n:Notification) WHERE n.partnerId STARTS WITH $prefix DELETE n', {
      prefix: PREFIX,
    });
    await cypher('MATCH (e:ExchangeEvent) WHERE e.exchangeId IN $ids DELETE e', { ids });
    await cypher(
      `MATCH (n) WHERE (n:Exchange OR n:Post OR n:ExchangeMatch OR n:Cooperation) AND n.id IN $ids
DETACH DELETE n`,
      { ids },
    );
    await cypher(
      'MATCH (n) WHERE (n:Partner OR n:Event) AND n.id STARTS WITH $prefix DETACH DELETE n',
      { prefix: PREFIX },
    );
    await app.stop();
  });

  describe('check-in as attendance at the alliance meeting', () => {
    const attendance = (name: string) =>
      cypher<{ attended: number; lastActiveOn: string }>(
        `MATCH (p:Partner {id: $p})
RETURN COUNT { (p)-[:ATTENDED]->(:Event {id: $e}) } AS attended, p.lastActiveOn AS lastActiveOn`,
        { p: id(name), e: id('ev-meeting') },
      );

    it('should record ATTENDED once, raise lastActiveOn, and bump the data version only when new', async () => {
      const x = await openExchange();
      // Created first: createExchange bumps the data version itself.
      const second = await openExchange();
      const before = await dataVersion();
      await checkIn(x, 'other');
      expect(await attendance('other')).toEqual([{ attended: 1, lastActiveOn: MEETING_DATE }]);
      expect(await dataVersion()).toBe(before + 1);

      // Out and in again, and in at a second exchange of the same meeting: nothing new.
      await ok(M.checkOut, { exchangeId: x, partnerId: id('other') }, await as('other'));
      await checkIn(x, 'other');
      await ok(M.checkIn, { exchangeId: second, partnerId: id('other') }, coordinator);
      expect(await attendance('other')).toEqual([{ attended: 1, lastActiveOn: MEETING_DATE }]);
      expect(await dataVersion()).toBe(before + 1);
    });

    it('should record nothing at an exchange without a meeting', async () => {
      const x = await openExchange(false);
      const before = await dataVersion();
      await checkIn(x, 'c');
      expect(await attendance('c')).toEqual([{ attended: 0, lastActiveOn: '2020-01-01' }]);
      expect(await dataVersion()).toBe(before);
    });

    it('should leave no attendance behind when the check-in is refused', async () => {
      const x = await openExchange();
      await ok(M.close, { id: x }, coordinator);
      const body = await http(M.checkIn, { exchangeId: x, partnerId: id('c') }, await as('c'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(await attendance('c')).toEqual([{ attended: 0, lastActiveOn: '2020-01-01' }]);
    });
  });

  describe('EXCHANGE_MATCH notifications', () => {
    it('should write exactly one notification per partner of a new match, in its transaction', async () => {
      const { x, matchId } = await matchedExchange();
      // Repeats of either interest change nothing, so they tell nobody again.
      await interest(x, 'a', 'b');
      await interest(x, 'b', 'a');
      const rows = await cypher<{ partnerId: string; otherPartnerId: string; kind: string }>(
        `MATCH (n:Notification {subjectId: $m})
RETURN n.partnerId AS partnerId, n.otherPartnerId AS otherPartnerId, n.kind AS kind,
  n.otherPartnerName AS otherName, n.emailStatus AS emailStatus ORDER BY partnerId`,
        { m: matchId },
      );
      expect(rows).toEqual([
        {
          partnerId: id('a'),
          otherPartnerId: id('b'),
          kind: 'EXCHANGE_MATCH',
          otherName: `${TITLE}b`,
          emailStatus: 'PENDING',
        },
        {
          partnerId: id('b'),
          otherPartnerId: id('a'),
          kind: 'EXCHANGE_MATCH',
          otherName: `${TITLE}a`,
          emailStatus: 'PENDING',
        },
      ]);
    });

    it('should tell nobody of a one-sided interest', async () => {
      const x = await openExchange();
      for (const name of ['a', 'c']) await checkIn(x, name);
      await interest(x, 'c', 'a');
      const [row] = await cypher<{ count: number }>(
        `MATCH (n:Notification) WHERE n.partnerId IN $ids AND n.kind = 'EXCHANGE_MATCH'
  AND n.otherPartnerId IN $ids RETURN count(n) AS count`,
        { ids: [id('a'), id('c')] },
      );
      expect(row?.count).toBe(0);
    });
  });

  describe('myMatches and myInterests', () => {
    let x: string;
    let postId: string;
    let matchId: string;

    beforeAll(async () => {
      ({ x, postId, matchId } = await matchedExchange());
      await interest(x, 'c', 'a');
    });

    it("should list a partner's matches with the other partner and both interests", async () => {
      const matches = await ok<Record<string, unknown>[]>(MY_MATCHES, { x }, await as('a'));
      expect(matches).toEqual([
        {
          id: matchId,
          partnerIds: [id('b'), id('a')],
          cooperationId: null,
          otherPartner: { id: id('b') },
          partners: [{ id: id('b') }, { id: id('a') }],
          interests: [
            { partnerId: id('b'), targetPartnerId: id('a'), post: { id: postId, kind: 'OFFER' } },
            { partnerId: id('a'), targetPartnerId: id('b'), post: null },
          ],
          cooperation: null,
        },
      ]);
      expect(await ok(MY_MATCHES, { x }, await as('c'))).toEqual([]);
    });

    it('should give coordinators every match of the exchange, without an other partner', async () => {
      const matches = await ok<{ id: string; otherPartner: null }[]>(
        MY_MATCHES,
        { x },
        coordinator,
      );
      expect(matches.map((m) => [m.id, m.otherPartner])).toEqual([[matchId, null]]);
    });

    it('should show the cooperation once one is proposed from the match', async () => {
      const proposed = await ok<{ id: string }>(
        PROPOSE,
        { m: matchId, input: { title: `${TITLE}Kooperation` } },
        await as('b'),
      );
      const [match] = await ok<{ cooperationId: string }[]>(MY_MATCHES, { x }, await as('b'));
      expect(match?.cooperationId).toBe(proposed.id);
    });

    it.each([
      ['SENT', 'a', [['a', 'b']]],
      [
        'RECEIVED',
        'a',
        [
          ['b', 'a'],
          ['c', 'a'],
        ],
      ],
      [
        null,
        'a',
        [
          ['b', 'a'],
          ['a', 'b'],
          ['c', 'a'],
        ],
      ],
      [null, 'other', []],
    ])('should list the interests %s of %s', async (direction, name, expected) => {
      const interests = await ok<{ partnerId: string; targetPartnerId: string }[]>(
        MY_INTERESTS,
        { x, d: direction },
        await as(name),
      );
      const pairs = expected.map(([from, to]) => [id(from as string), id(to as string)]);
      expect(interests.map((i) => [i.partnerId, i.targetPartnerId])).toEqual(pairs);
    });

    it('should resolve partners, posts and matches of interests', async () => {
      const [first] = await ok<Record<string, unknown>[]>(
        MY_INTERESTS,
        { x, d: 'RECEIVED' },
        await as('a'),
      );
      expect(first).toEqual({
        partnerId: id('b'),
        targetPartnerId: id('a'),
        postId,
        partner: { id: id('b') },
        target: { id: id('a') },
        post: { id: postId },
        match: { id: matchId },
      });
    });

    it('should give coordinators every interest of the exchange', async () => {
      const all = await ok<unknown[]>(MY_INTERESTS, { x, d: 'SENT' }, coordinator);
      expect(all).toHaveLength(3);
    });

    it('should answer NOT_FOUND naming exchangeId, and BAD_USER_INPUT for an empty id', async () => {
      const unknown = await http(MY_MATCHES, { x: id('nope') }, await as('a'));
      expect(unknown.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        argument: 'exchangeId',
      });
      expect(codeOf(await http(MY_INTERESTS, { x: '' }, await as('a')))).toBe('BAD_USER_INPUT');
    });

    describe('role × operation matrix', () => {
      type Actor = 'PUBLIC' | 'PARTNER (own)' | 'PARTNER (other)' | 'COORDINATOR';
      const outcomes: Record<Actor, MatrixOutcome> = {
        PUBLIC: 'UNAUTHENTICATED',
        'PARTNER (own)': 'allowed',
        'PARTNER (other)': 'allowed',
        COORDINATOR: 'allowed',
      };
      /** What each reader gets: its own (the other partner has none), coordinators all. */
      const sizes: Record<Actor, Record<string, number>> = {
        PUBLIC: {},
        'PARTNER (own)': { myMatches: 1, myInterests: 3 },
        'PARTNER (other)': { myMatches: 0, myInterests: 0 },
        COORDINATOR: { myMatches: 1, myInterests: 3 },
      };
      // A function: x is known only once the beforeAll above has run.
      const prepare = () => ({ x });

      describeRoleMatrix<Actor>({
        app: () => app,
        actors: {
          PUBLIC: async () => ({}),
          'PARTNER (own)': () => as('a'),
          'PARTNER (other)': () => as('other'),
          COORDINATOR: coordinatorAuth,
        },
        operations: [
          { name: 'myMatches', query: MY_MATCHES, prepare, outcomes },
          { name: 'myInterests', query: MY_INTERESTS, prepare, outcomes },
        ],
        expectAllowed: (body, { operation, actor }) => {
          const listed = body.data?.[operation.name] as unknown[];
          expect(listed.length).toBe(sizes[actor][operation.name]);
        },
      });
    });
  });

  describe('typed activity details', () => {
    /** Subscribes as `headers`, collects `n` activities and stops; with the statements sent. */
    async function replay(query: string, x: string, n: number, headers: Headers) {
      const client = wsClient(app, { authorization: headers.authorization });
      clients.push(client);
      const statements: CypherQuery[] = [];
      const stop = app.database.executor.observe((s) => statements.push(s));
      try {
        const items = await new Promise<Activity[]>((resolve, reject) => {
          const seen: Activity[] = [];
          const timer = setTimeout(() => reject(new Error(`got ${seen.length} of ${n}`)), 15_000);
          const unsubscribe = client.subscribe<{ exchangeActivity: Activity }>(
            { query, variables: { x } },
            {
              next: (value) => {
                if (value.errors) reject(new Error(JSON.stringify(value.errors)));
                if (value.data) seen.push(value.data.exchangeActivity);
                if (seen.length === n) {
                  clearTimeout(timer);
                  unsubscribe();
                  resolve(seen);
                }
              },
              error: reject,
              complete: () => undefined,
            },
          );
        });
        return { items, statements: statements.length };
      } finally {
        stop();
      }
    }

    it('should type every event and resolve its objects in one query per kind', async () => {
      const { x, postId, matchId } = await matchedExchange();
      const proposed = await ok<{ id: string }>(
        PROPOSE,
        { m: matchId, input: { title: `${TITLE}Kooperation` } },
        await as('a'),
      );
      // OPENED, 3 × CHECKED_IN, POST_CREATED, 2 × INTEREST_EXPRESSED, MATCH, COOPERATION_PROPOSED
      const n = 9;
      const flat = await replay(activityQuery('details { __typename }'), x, n, coordinator);
      const nested = await replay(activityQuery(DETAILS), x, n, coordinator);
      expect(nested.items.map((a) => [a.type, a.details?.__typename])).toEqual([
        ['EXCHANGE_OPENED', 'ExchangeOpened'],
        ['CHECKED_IN', 'ExchangeCheckedIn'],
        ['CHECKED_IN', 'ExchangeCheckedIn'],
        ['CHECKED_IN', 'ExchangeCheckedIn'],
        ['POST_CREATED', 'ExchangePostCreated'],
        ['INTEREST_EXPRESSED', 'ExchangeInterestExpressed'],
        ['INTEREST_EXPRESSED', 'ExchangeInterestExpressed'],
        ['MATCH', 'ExchangeMatchCreated'],
        ['COOPERATION_PROPOSED', 'ExchangeCooperationProposed'],
      ]);
      const byType = (type: string) => nested.items.filter((a) => a.type === type);
      expect(byType('EXCHANGE_OPENED')[0]?.details).toMatchObject({
        status: 'OPEN',
        eventId: id('ev-meeting'),
      });
      expect(byType('POST_CREATED')[0]?.details).toMatchObject({
        kind: 'OFFER',
        post: { id: postId, status: 'ACTIVE' },
        partner: { id: id('a') },
      });
      expect(byType('INTEREST_EXPRESSED')[0]?.details).toMatchObject({
        partner: { id: id('b') },
        target: { id: id('a') },
        post: { id: postId },
      });
      expect(byType('MATCH')[0]?.details).toMatchObject({
        partnerIds: [id('b'), id('a')],
        partners: [
          { id: id('b'), name: `${TITLE}b` },
          { id: id('a'), name: `${TITLE}a` },
        ],
        match: { id: matchId },
      });
      expect(byType('COOPERATION_PROPOSED')[0]?.details).toMatchObject({
        cooperation: { id: proposed.id },
        partner: { id: id('a') },
        target: { id: id('b') },
      });
      // One statement per loader kind an event selects, however many objects of that kind it
      // has (the two partners of a match, partner and target of an interest): no N+1.
      const perEvent: Record<string, number> = {
        EXCHANGE_OPENED: 0,
        CHECKED_IN: 1, // partner
        POST_CREATED: 2, // post, partner
        INTEREST_EXPRESSED: 2, // partner + target, post
        MATCH: 2, // partners, match
        COOPERATION_PROPOSED: 2, // cooperation, partner + target
      };
      const bound = nested.items.reduce((sum, a) => sum + (perEvent[a.type] ?? 0), 0);
      expect(nested.statements - flat.statements).toBeGreaterThan(0);
      expect(nested.statements - flat.statements).toBeLessThanOrEqual(bound);
    });

    it('should read objects fresh for each event of a long-lived subscription', async () => {
      const x = await openExchange(false);
      await checkIn(x, 'c');
      const headers = await as('c');
      const client = wsClient(app, { authorization: headers.authorization });
      clients.push(client);
      const seen: Activity[] = [];
      const waiters: (() => void)[] = [];
      const unsubscribe = client.subscribe<{ exchangeActivity: Activity }>(
        { query: activityQuery(DETAILS), variables: { x } },
        {
          next: (value) => {
            if (value.data) seen.push(value.data.exchangeActivity);
            waiters.forEach((w) => w());
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      const waitFor = (count: number) =>
        new Promise<void>((resolve) => {
          const check = () => seen.length >= count && resolve();
          waiters.push(check);
          check();
        });
      await waitFor(2); // EXCHANGE_OPENED, CHECKED_IN
      const post = await ok<{ id: string }>(
        POST,
        { x, p: id('c'), input: { kind: 'NEED', text: 'Dolmetschende gesucht' } },
        headers,
      );
      await waitFor(3);
      await ok(WITHDRAW, { id: post.id }, headers);
      await waitFor(4);
      unsubscribe();
      expect(seen.slice(2).map((a) => [a.type, a.details?.post])).toEqual([
        ['POST_CREATED', { id: post.id, status: 'ACTIVE' }],
        ['POST_WITHDRAWN', { id: post.id, status: 'WITHDRAWN' }],
      ]);
    });

    it('should keep the deprecated data field for one release', async () => {
      const x = await openExchange(false);
      const { items } = await replay(activityQuery('data'), x, 1, coordinator);
      expect(JSON.parse((items[0] as unknown as { data: string }).data)).toEqual({
        status: 'OPEN',
        eventId: null,
      });
    });
  });
});
