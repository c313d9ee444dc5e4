import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import {
  type ExchangeEvent,
  exchangeEventQueries,
  toExchangeEvent,
} from '../../src/exchange/exchange-events';
import { createTestEvents, createTestPartners, type TestPartner } from '../support/fixtures';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every partner and event id this suite creates starts with this prefix; afterAll deletes them. */
const PREFIX = 't-xch-';
const TITLE = 'T-Xch ';

/** Dedicated test partners: [name, status, engagements as "dimension/PERSPECTIVE"]. */
const PARTNERS: TestPartner[] = [
  ['a', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']],
  ['b', 'ACTIVE', ['religion/SERVICE', 'age/SERVICE']], // with a: a valid Vielfaltskooperation
  ['c', 'ACTIVE', ['age/COMMUNITY']], // a subset of a: brings nothing to it
  ['d', 'ACTIVE', ['social_origin/COMMUNITY']],
  ['e', 'ACTIVE', ['ethnic_origin/ADVOCACY']],
  ['outsider', 'ACTIVE', ['abilities/SERVICE']],
  ['paused', 'PAUSED', ['religion/COMMUNITY']],
  ['leaving', 'ACTIVE', ['age/ADVOCACY']],
  ['erased', 'ACTIVE', ['gender/SERVICE']],
];
const id = (name: string) => `${PREFIX}${name}`;

const EXCHANGE_FIELDS = `id title status createdAt openedAt closedAt event { id kind }
  present { id } posts { id kind text partner { id } dimensions { key } topics { key } }
  presentCount postCount matchCount`;
const CREATE = `mutation($input: CreateExchangeInput!) { createExchange(input: $input) { ${EXCHANGE_FIELDS} } }`;
const OPEN = `mutation($id: ID!) { openExchange(id: $id) { ${EXCHANGE_FIELDS} } }`;
const CLOSE = `mutation($id: ID!) { closeExchange(id: $id) { ${EXCHANGE_FIELDS} } }`;
const CHECK_IN = `mutation($x: ID!, $p: ID!) { checkIn(exchangeId: $x, partnerId: $p) { ${EXCHANGE_FIELDS} } }`;
const CHECK_OUT = `mutation($x: ID!, $p: ID!) { checkOut(exchangeId: $x, partnerId: $p) { ${EXCHANGE_FIELDS} } }`;
const POST = `mutation($x: ID!, $p: ID!, $input: CreatePostInput!) {
  createPost(exchangeId: $x, partnerId: $p, input: $input) { id kind status text partner { id } dimensions { key } topics { key } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawPost(postId: $id) { id status withdrawnAt } }`;
const INTEREST = `mutation($x: ID!, $p: ID!, $in: ID!, $post: ID) {
  expressInterest(exchangeId: $x, partnerId: $p, inPartnerId: $in, postId: $post) {
    partnerId targetPartnerId postId createdAt match { id partnerIds cooperationId partners { id } } } }`;
const PROPOSE = `mutation($m: ID!, $input: ProposeCooperationInput!) {
  proposeCooperation(matchId: $m, input: $input) {
    id kind status title partners { role partner { id } } dimensions { key } } }`;
const PLAN_FIELDS = `exchangeId publishedAt requestedRounds tableSize score
  breakdown { mutualMatches wishes suggestions }
  rounds { number tables { number partnerIds partners { id } } }`;
const PLAN = `mutation($x: ID!, $rounds: Int!, $size: Int!) {
  planMeetingRounds(exchangeId: $x, rounds: $rounds, tableSize: $size) { ${PLAN_FIELDS} } }`;
const PLAN_QUERY = `query($x: ID!) { meetingPlan(exchangeId: $x) { ${PLAN_FIELDS} } }`;
const EXCHANGE = `query($id: ID!) { exchange(id: $id) { ${EXCHANGE_FIELDS} } }`;
const EXCHANGES = `query($status: ExchangeStatus) { exchanges(status: $status, first: 100) { id status } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface ExchangeResult {
  id: string;
  status: string;
  openedAt: string | null;
  closedAt: string | null;
  event: { id: string; kind: string } | null;
  present: { id: string }[];
  posts: { id: string; kind: string; partner: { id: string } }[];
  presentCount: number;
  postCount: number;
  matchCount: number;
}
interface InterestResult {
  match: { id: string; partnerIds: string[]; cooperationId: string | null } | null;
}
interface PlanResult {
  score: number;
  requestedRounds: number;
  breakdown: { mutualMatches: number; wishes: number; suggestions: number };
  rounds: { number: number; tables: { partnerIds: string[]; partners: { id: string }[] }[] }[];
}

describe('exchange writes (Kooperationsbörse)', () => {
  let app: App;
  let coordinator: Headers;
  const as = (name: string) => partnerAuth(id(name));
  const createdExchanges: string[] = [];

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  const http = async <T = Record<string, unknown>>(query: string, vars: Vars, headers: Headers) =>
    (await postGraphQL<T>(app, query, vars, headers)).body;

  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  /** Runs an operation that must succeed and returns its single data field. */
  async function ok<T>(query: string, vars: Vars, headers: Headers): Promise<T> {
    const body = await http<Record<string, T>>(query, vars, headers);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] as T;
  }

  /** The stored events of an exchange after a sequence number. */
  const eventsAfter = (exchangeId: string, after = 0): Promise<ExchangeEvent[]> =>
    app.database.executor.read(exchangeEventQueries.after(exchangeId, after, 1000), (r) =>
      toExchangeEvent(r.get('event')),
    );

  /** A fresh exchange (DRAFT, or OPEN with `open`) at the test meeting. */
  async function newExchange(open = false): Promise<string> {
    const input = { title: `${TITLE}Börse`, eventId: id('ev-meeting') };
    const created = await ok<ExchangeResult>(CREATE, { input }, coordinator);
    createdExchanges.push(created.id);
    if (open) await ok(OPEN, { id: created.id }, coordinator);
    return created.id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    await createTestEvents(app, [
      { id: id('ev-meeting'), kind: 'ALLIANCE_MEETING', date: '2026-01-15' },
      { id: id('ev-training'), kind: 'TRAINING', date: '2026-01-15' },
    ]);
  });

  afterAll(async () => {
    const [touched] = await cypher<{ ids: string[] }>(
      `OPTIONAL MATCH (x:Exchange) WHERE x.id IN $exchanges
OPTIONAL MATCH (n)-[:IN]->(x) WHERE n:Post OR n:ExchangeMatch
OPTIONAL MATCH (p:Partner)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE p.id STARTS WITH $prefix
RETURN collect(DISTINCT n.id) + collect(DISTINCT c.id) + $exchanges AS ids`,
      { exchanges: createdExchanges, prefix: PREFIX },
    );
    const ids = touched?.ids ?? [];
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x IN $ids OR x STARTS WITH $prefix) DELETE a`,
      { ids, prefix: PREFIX },
    );
    await cypher('MATCH (e:ExchangeEvent) WHERE e.exchangeId IN $ids DELETE e', { ids });
    await cypher(
      `MATCH (n) WHERE (n:Exchange OR n:Post OR n:ExchangeMatch OR n:Cooperation) AND n.id IN $ids
DETACH DELETE n`,
      { ids },
    );
    await cypher(
      'MATCH (n) WHERE (n:Partner OR n:Event) AND n.id STARTS WITH $prefix DETACH DELETE n',
      {
        prefix: PREFIX,
      },
    );
    await app.stop();
  });

  describe('a whole Börse', () => {
    let exchangeId: string;
    let seen = 0;
    const posts: Record<string, string> = {};
    const matches: Record<string, string> = {};

    /** Each change stores exactly these events, numbered right after the ones before. */
    async function expectNewEvents(...expected: Partial<ExchangeEvent>[]) {
      const events = await eventsAfter(exchangeId, seen);
      expect(events.map((e) => e.sequence)).toEqual(expected.map((_, i) => seen + i + 1));
      events.forEach((event, i) => expect(event).toMatchObject(expected[i] as object));
      seen += events.length;
    }

    it('should create a DRAFT exchange at an alliance meeting, without events', async () => {
      const input = { title: `${TITLE}Frühjahrsbörse`, eventId: id('ev-meeting') };
      const created = await ok<ExchangeResult>(CREATE, { input }, coordinator);
      createdExchanges.push(created.id);
      exchangeId = created.id;
      expect(created.id).toMatch(/^x-[0-9a-f-]{36}$/);
      expect(created).toMatchObject({
        status: 'DRAFT',
        openedAt: null,
        closedAt: null,
        event: { id: id('ev-meeting'), kind: 'ALLIANCE_MEETING' },
        present: [],
        posts: [],
      });
      await expectNewEvents();
    });

    it('should open it with EXCHANGE_OPENED', async () => {
      const opened = await ok<ExchangeResult>(OPEN, { id: exchangeId }, coordinator);
      expect(opened.status).toBe('OPEN');
      expect(opened.openedAt).not.toBeNull();
      await expectNewEvents({ type: 'EXCHANGE_OPENED', actorId: null, audience: null });
    });

    it('should check partners in, each with one CHECKED_IN', async () => {
      for (const name of ['a', 'b', 'c', 'd']) {
        await ok(CHECK_IN, { x: exchangeId, p: id(name) }, await as(name));
      }
      const byDesk = await ok<ExchangeResult>(CHECK_IN, { x: exchangeId, p: id('e') }, coordinator);
      expect(byDesk.present.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd', 'e'].map(id));
      expect(byDesk.presentCount).toBe(5);
      await expectNewEvents(
        ...['a', 'b', 'c', 'd'].map((name) => ({
          type: 'CHECKED_IN' as const,
          actorId: id(name),
          payload: { partnerId: id(name) },
        })),
        { type: 'CHECKED_IN', actorId: null, payload: { partnerId: id('e') } },
      );
    });

    it('should treat checking in twice as no change and no event', async () => {
      const again = await ok<ExchangeResult>(
        CHECK_IN,
        { x: exchangeId, p: id('a') },
        await as('a'),
      );
      expect(again.presentCount).toBe(5);
      await expectNewEvents();
    });

    it('should post offers and needs with POST_CREATED', async () => {
      const offer = await ok<{ id: string; dimensions: { key: string }[] }>(
        POST,
        {
          x: exchangeId,
          p: id('a'),
          input: {
            kind: 'OFFER',
            text: 'Räume für Jugendgruppen',
            dimensionKeys: ['age'],
            topicKeys: ['youth'],
          },
        },
        await as('a'),
      );
      expect(offer.dimensions).toEqual([{ key: 'age' }]);
      posts.a = offer.id;
      const need = await ok<{ id: string }>(
        POST,
        { x: exchangeId, p: id('b'), input: { kind: 'NEED', text: 'Suchen Ehrenamtliche' } },
        await as('b'),
      );
      posts.b = need.id;
      await expectNewEvents(
        { type: 'POST_CREATED', payload: { postId: posts.a, partnerId: id('a'), kind: 'OFFER' } },
        { type: 'POST_CREATED', payload: { postId: posts.b, partnerId: id('b'), kind: 'NEED' } },
      );
      const exchange = await ok<ExchangeResult>(EXCHANGE, { id: exchangeId }, {});
      expect(exchange.posts.map((p) => [p.id, p.partner.id])).toEqual([
        [posts.a, id('a')],
        [posts.b, id('b')],
      ]);
    });

    it('should make a one-sided interest an INTEREST_EXPRESSED for the target only', async () => {
      const vars = { x: exchangeId, p: id('a'), in: id('b'), post: posts.b };
      const interest = await ok<InterestResult>(INTEREST, vars, await as('a'));
      expect(interest.match).toBeNull();
      await expectNewEvents({
        type: 'INTEREST_EXPRESSED',
        actorId: id('a'),
        audience: [id('b')],
        payload: { partnerId: id('a'), targetPartnerId: id('b'), postId: posts.b },
      });
    });

    it('should make mutual interest a MATCH seen by both partners', async () => {
      const vars = { x: exchangeId, p: id('b'), in: id('a') };
      const interest = await ok<InterestResult>(INTEREST, vars, await as('b'));
      expect(interest.match?.partnerIds).toEqual([id('a'), id('b')]);
      matches.ab = interest.match?.id as string;
      await expectNewEvents(
        { type: 'INTEREST_EXPRESSED', audience: [id('a')] },
        {
          type: 'MATCH',
          audience: [id('a'), id('b')],
          payload: { matchId: matches.ab, partnerId: id('b'), targetPartnerId: id('a') },
        },
      );
      const again = await ok<InterestResult>(INTEREST, vars, await as('b'));
      expect(again.match?.id).toBe(matches.ab);
      await expectNewEvents();
    });

    it('should propose a DRAFT diversity cooperation of both matched partners', async () => {
      const input = { title: `${TITLE}Jung und Alt im Glauben` };
      const cooperation = await ok<{
        id: string;
        kind: string;
        status: string;
        partners: { role: string; partner: { id: string } }[];
        dimensions: { key: string }[];
      }>(PROPOSE, { m: matches.ab, input }, await as('b'));
      expect(cooperation).toMatchObject({ kind: 'DIVERSITY_COOPERATION', status: 'DRAFT' });
      expect(cooperation.partners).toEqual([
        { role: 'LEAD', partner: { id: id('b') } },
        { role: 'PARTNER', partner: { id: id('a') } },
      ]);
      expect(cooperation.dimensions.map((d) => d.key)).toEqual(['age', 'gender', 'religion']);
      const [stored] = await cypher<{ status: string; linked: number }>(
        `MATCH (c:Cooperation {id: $id})
RETURN c.status AS status, COUNT { (:ExchangeMatch {id: $m})-[:PROPOSED]->(c) } AS linked`,
        { id: cooperation.id, m: matches.ab },
      );
      expect(stored).toEqual({ status: 'DRAFT', linked: 1 });
      await expectNewEvents({
        type: 'COOPERATION_PROPOSED',
        actorId: id('b'),
        audience: [id('b'), id('a')],
        payload: { matchId: matches.ab, cooperationId: cooperation.id },
      });
      const twice = await http(PROPOSE, { m: matches.ab, input }, coordinator);
      expect(codeOf(twice)).toBe('CONFLICT');
      expect(twice.errors?.[0]?.extensions?.cooperationId).toBe(cooperation.id);
    });

    it('should refuse a proposal that breaks the cross-dimension rule, without events', async () => {
      await ok(INTEREST, { x: exchangeId, p: id('a'), in: id('c') }, await as('a'));
      const mutual = await ok<InterestResult>(
        INTEREST,
        { x: exchangeId, p: id('c'), in: id('a') },
        await as('c'),
      );
      matches.ac = mutual.match?.id as string;
      await expectNewEvents(
        { type: 'INTEREST_EXPRESSED' },
        { type: 'INTEREST_EXPRESSED' },
        { type: 'MATCH' },
      );
      const body = await http(
        PROPOSE,
        { m: matches.ac, input: { title: `${TITLE}Nope` } },
        coordinator,
      );
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.rule).toBe('NOTHING_TO_BRING');
      await expectNewEvents();
    });

    it('should refuse a proposal from a partner outside the match', async () => {
      const body = await http(
        PROPOSE,
        { m: matches.ac, input: { title: `${TITLE}Nope` } },
        await as('d'),
      );
      expect(codeOf(body)).toBe('FORBIDDEN');
    });

    it('should withdraw a post with POST_WITHDRAWN, once', async () => {
      const refused = await http(WITHDRAW, { id: posts.a }, await as('b'));
      expect(codeOf(refused)).toBe('FORBIDDEN');
      const withdrawn = await ok<{ status: string }>(WITHDRAW, { id: posts.a }, await as('a'));
      expect(withdrawn.status).toBe('WITHDRAWN');
      await ok(WITHDRAW, { id: posts.a }, await as('a'));
      await expectNewEvents({
        type: 'POST_WITHDRAWN',
        payload: { postId: posts.a, partnerId: id('a') },
      });
      const exchange = await ok<ExchangeResult>(EXCHANGE, { id: exchangeId }, {});
      expect(exchange.posts.map((p) => p.id)).toEqual([posts.b]);
      expect(exchange.matchCount).toBe(2);
    });

    it('should check a partner out with CHECKED_OUT, once', async () => {
      const out = await ok<ExchangeResult>(CHECK_OUT, { x: exchangeId, p: id('d') }, await as('d'));
      expect(out.present.map((p) => p.id)).not.toContain(id('d'));
      await ok(CHECK_OUT, { x: exchangeId, p: id('d') }, await as('d'));
      await expectNewEvents({
        type: 'CHECKED_OUT',
        actorId: id('d'),
        payload: { partnerId: id('d') },
      });
    });

    it('should plan table rounds that seat matches together, and publish them', async () => {
      const plan = await ok<PlanResult>(PLAN, { x: exchangeId, rounds: 2, size: 2 }, coordinator);
      const present = ['a', 'b', 'c', 'e'].map(id);
      expect(plan.rounds).toHaveLength(2);
      for (const round of plan.rounds) {
        expect(round.tables.flatMap((t) => t.partnerIds).sort()).toEqual(present);
        expect(round.tables.every((t) => t.partnerIds.length <= 2)).toBe(true);
        for (const table of round.tables)
          expect(table.partners.map((p) => p.id)).toEqual(table.partnerIds);
      }
      const tables = plan.rounds.flatMap((r) => r.tables.map((t) => t.partnerIds.join('|')));
      expect(new Set(tables).size).toBe(tables.length);
      expect(tables).toEqual(
        expect.arrayContaining([`${id('a')}|${id('b')}`, `${id('a')}|${id('c')}`]),
      );
      expect(plan.breakdown.mutualMatches).toBe(2);
      expect(plan.score).toBeGreaterThanOrEqual(20);
      await expectNewEvents({
        type: 'MEETING_PLAN_PUBLISHED',
        actorId: null,
        audience: null,
        payload: { rounds: 2, tableSize: 2, partnerCount: 4 },
      });
      const published = await ok<PlanResult>(PLAN_QUERY, { x: exchangeId }, {});
      expect(published).toEqual(plan);
    });

    it('should list the OPEN exchange and close it with EXCHANGE_CLOSED', async () => {
      const open = await ok<{ id: string }[]>(EXCHANGES, { status: 'OPEN' }, {});
      expect(open.map((x) => x.id)).toContain(exchangeId);
      const closed = await ok<ExchangeResult>(CLOSE, { id: exchangeId }, coordinator);
      expect(closed.status).toBe('CLOSED');
      expect(closed.closedAt).not.toBeNull();
      await expectNewEvents({ type: 'EXCHANGE_CLOSED' });
    });

    it('should refuse every partner action once CLOSED, without events', async () => {
      const partner = await as('a');
      const attempts = [
        http(CHECK_IN, { x: exchangeId, p: id('a') }, partner),
        http(CHECK_OUT, { x: exchangeId, p: id('a') }, partner),
        http(POST, { x: exchangeId, p: id('a'), input: { kind: 'NEED', text: 'x' } }, partner),
        http(WITHDRAW, { id: posts.b }, coordinator),
        http(INTEREST, { x: exchangeId, p: id('a'), in: id('e') }, partner),
        http(PROPOSE, { m: matches.ac, input: { title: `${TITLE}Spät` } }, coordinator),
        http(PLAN, { x: exchangeId, rounds: 1, size: 2 }, coordinator),
        http(OPEN, { id: exchangeId }, coordinator),
      ];
      for (const body of await Promise.all(attempts)) {
        expect(codeOf(body)).toBe('CONFLICT');
        expect(body.errors?.[0]?.extensions?.currentStatus).toBe('CLOSED');
      }
      await expectNewEvents();
    });
  });

  describe('concurrent changes', () => {
    it('should make one match of two interests sent at the same time', async () => {
      const exchangeId = await newExchange(true);
      for (const name of ['a', 'b'])
        await ok(CHECK_IN, { x: exchangeId, p: id(name) }, coordinator);
      const [ab, ba] = await Promise.all([
        ok<InterestResult>(INTEREST, { x: exchangeId, p: id('a'), in: id('b') }, await as('a')),
        ok<InterestResult>(INTEREST, { x: exchangeId, p: id('b'), in: id('a') }, await as('b')),
      ]);
      expect([ab.match, ba.match].filter((m) => m !== null)).toHaveLength(1);
      const events = await eventsAfter(exchangeId);
      expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'MATCH')).toHaveLength(1);
    });

    it('should check a partner in once when asked twice at the same time', async () => {
      const exchangeId = await newExchange(true);
      const vars = { x: exchangeId, p: id('e') };
      await Promise.all([ok(CHECK_IN, vars, await as('e')), ok(CHECK_IN, vars, coordinator)]);
      const types = (await eventsAfter(exchangeId)).map((e) => e.type);
      expect(types).toEqual(['EXCHANGE_OPENED', 'CHECKED_IN']);
    });
  });

  describe('refusals', () => {
    it.each([
      ['createExchange', CREATE, () => ({ input: { title: `${TITLE}Nope` } })],
      ['openExchange', OPEN, () => ({ id: 'x-unknown' })],
      ['closeExchange', CLOSE, () => ({ id: 'x-unknown' })],
      ['planMeetingRounds', PLAN, () => ({ x: 'x-unknown', rounds: 1, size: 2 })],
    ])('should keep %s for coordinators', async (_name, query, vars) => {
      expect(codeOf(await http(query, vars(), {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await http(query, vars(), await as('a')))).toBe('FORBIDDEN');
    });

    it('should refuse a forbidden transition with CONFLICT naming the current status', async () => {
      const exchangeId = await newExchange();
      const body = await http(CLOSE, { id: exchangeId }, coordinator);
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions?.currentStatus).toBe('DRAFT');
      await ok(OPEN, { id: exchangeId }, coordinator);
      const twice = await http(OPEN, { id: exchangeId }, coordinator);
      expect(twice.errors?.[0]?.extensions?.currentStatus).toBe('OPEN');
      expect((await eventsAfter(exchangeId)).map((e) => e.type)).toEqual(['EXCHANGE_OPENED']);
    });

    it('should answer NOT_FOUND for unknown exchanges, posts and matches', async () => {
      const attempts = [
        http(OPEN, { id: 'x-unknown' }, coordinator),
        http(CHECK_IN, { x: 'x-unknown', p: id('a') }, coordinator),
        http(WITHDRAW, { id: 'post-unknown' }, coordinator),
        http(PROPOSE, { m: 'm-unknown', input: { title: `${TITLE}Nope` } }, coordinator),
        http(PLAN_QUERY, { x: 'x-unknown' }, {}),
      ];
      for (const body of await Promise.all(attempts)) expect(codeOf(body)).toBe('NOT_FOUND');
      expect((await http(EXCHANGE, { id: 'x-unknown' }, {})).data).toEqual({ exchange: null });
    });

    it('should accept only alliance meetings as the event of an exchange', async () => {
      const training = await http(
        CREATE,
        { input: { title: `${TITLE}X`, eventId: id('ev-training') } },
        coordinator,
      );
      expect(codeOf(training)).toBe('BAD_USER_INPUT');
      const unknown = await http(
        CREATE,
        { input: { title: `${TITLE}X`, eventId: 'e-unknown' } },
        coordinator,
      );
      expect(codeOf(unknown)).toBe('NOT_FOUND');
    });

    it('should refuse check-ins in a DRAFT exchange', async () => {
      const exchangeId = await newExchange();
      const body = await http(CHECK_IN, { x: exchangeId, p: id('a') }, await as('a'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions?.currentStatus).toBe('DRAFT');
    });

    it('should let partners act only for themselves', async () => {
      const exchangeId = await newExchange(true);
      expect(codeOf(await http(CHECK_IN, { x: exchangeId, p: id('a') }, {}))).toBe(
        'UNAUTHENTICATED',
      );
      expect(codeOf(await http(CHECK_IN, { x: exchangeId, p: id('a') }, await as('b')))).toBe(
        'FORBIDDEN',
      );
      const post = { x: exchangeId, p: id('a'), input: { kind: 'OFFER', text: 'x' } };
      expect(codeOf(await http(POST, post, await as('b')))).toBe('FORBIDDEN');
      const interest = { x: exchangeId, p: id('a'), in: id('b') };
      expect(codeOf(await http(INTEREST, interest, await as('b')))).toBe('FORBIDDEN');
      expect(await eventsAfter(exchangeId, 1)).toEqual([]);
    });

    it('should refuse partners that are not ACTIVE', async () => {
      const exchangeId = await newExchange(true);
      const vars = { x: exchangeId, p: id('paused') };
      expect(codeOf(await http(CHECK_IN, vars, await as('paused')))).toBe('FORBIDDEN');
      expect(codeOf(await http(CHECK_IN, vars, coordinator))).toBe('BAD_USER_INPUT');
    });

    it('should refuse posts and interests of partners not checked in with CONFLICT', async () => {
      const exchangeId = await newExchange(true);
      await ok(CHECK_IN, { x: exchangeId, p: id('a') }, await as('a'));
      const post = { x: exchangeId, p: id('outsider'), input: { kind: 'OFFER', text: 'x' } };
      const notIn = await http(POST, post, await as('outsider'));
      expect(codeOf(notIn)).toBe('CONFLICT');
      expect(notIn.errors?.[0]?.extensions).toMatchObject({
        present: false,
        partnerId: id('outsider'),
      });
      const toOutsider = await http(
        INTEREST,
        { x: exchangeId, p: id('a'), in: id('outsider') },
        await as('a'),
      );
      expect(codeOf(toOutsider)).toBe('CONFLICT');
      const self = await http(INTEREST, { x: exchangeId, p: id('a'), in: id('a') }, await as('a'));
      expect(codeOf(self)).toBe('BAD_USER_INPUT');
      expect((await eventsAfter(exchangeId, 2)).map((e) => e.type)).toEqual([]);
    });

    it('should refuse invalid posts with the field paths, before any write', async () => {
      const exchangeId = await newExchange(true);
      await ok(CHECK_IN, { x: exchangeId, p: id('a') }, await as('a'));
      const long = { kind: 'OFFER', text: 'x'.repeat(501) };
      const tooLong = await http(POST, { x: exchangeId, p: id('a'), input: long }, await as('a'));
      expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
      const unknownKey = { kind: 'OFFER', text: 'Hallo', dimensionKeys: ['no_such_dimension'] };
      const unknown = await http(
        POST,
        { x: exchangeId, p: id('a'), input: unknownKey },
        await as('a'),
      );
      expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
      expect(unknown.errors?.[0]?.extensions?.fields).toEqual([
        { path: 'input.dimensionKeys', reason: 'unknown dimension no_such_dimension' },
      ]);
    });

    it('should validate plan arguments and refuse plans for fewer than two present', async () => {
      const exchangeId = await newExchange(true);
      for (const [rounds, size] of [
        [0, 4],
        [11, 4],
        [2, 1],
        [2, 11],
      ]) {
        const body = await http(PLAN, { x: exchangeId, rounds, size }, coordinator);
        expect(codeOf(body)).toBe('BAD_USER_INPUT');
      }
      await ok(CHECK_IN, { x: exchangeId, p: id('a') }, await as('a'));
      const lonely = await http(PLAN, { x: exchangeId, rounds: 2, size: 4 }, coordinator);
      expect(codeOf(lonely)).toBe('CONFLICT');
      expect(lonely.errors?.[0]?.extensions?.presentCount).toBe(1);
      expect((await http(PLAN_QUERY, { x: exchangeId }, {})).data).toEqual({ meetingPlan: null });
    });
  });

  describe('a partner that leaves or is erased', () => {
    it('should be checked out of its exchanges when it leaves, with a CHECKED_OUT event', async () => {
      const exchangeId = await newExchange(true);
      await ok(CHECK_IN, { x: exchangeId, p: id('leaving') }, await as('leaving'));
      const before = (await eventsAfter(exchangeId)).length;
      await ok(
        `mutation($id: ID!) { recordPartnerLeft(id: $id) { status } }`,
        { id: id('leaving') },
        coordinator,
      );
      const exchange = await ok<ExchangeResult>(EXCHANGE, { id: exchangeId }, {});
      expect(exchange.present.map((p) => p.id)).not.toContain(id('leaving'));
      const events = (await eventsAfter(exchangeId)).slice(before);
      expect(events).toMatchObject([
        { type: 'CHECKED_OUT', payload: { partnerId: id('leaving') } },
      ]);
    });

    it('should withdraw an erased partner’s posts and replace their text, readable by nobody', async () => {
      const exchangeId = await newExchange(true);
      await ok(CHECK_IN, { x: exchangeId, p: id('erased') }, await as('erased'));
      const text = 'Sprachcafé bei Lena Vogel, lena.vogel@example.org, 0621 123456';
      const post = await ok<{ id: string }>(
        POST,
        { x: exchangeId, p: id('erased'), input: { kind: 'OFFER', text } },
        await as('erased'),
      );
      await ok(
        `mutation($id: ID!) { erasePartner(id: $id) { status } }`,
        { id: id('erased') },
        coordinator,
      );
      const publicView = await http(
        `query($id: ID!) { exchange(id: $id) { present { id } posts { id text } } }`,
        { id: exchangeId },
        {},
      );
      expect(JSON.stringify(publicView)).not.toMatch(/Lena|lena\.vogel|0621/);
      const [stored] = await cypher<{ text: string; status: string }>(
        'MATCH (p:Post {id: $id}) RETURN p.text AS text, p.status AS status',
        { id: post.id },
      );
      expect(stored).toEqual({ text: 'Gelöscht (Datenschutz)', status: 'WITHDRAWN' });
      const types = (await eventsAfter(exchangeId)).map((e) => e.type);
      expect(types.slice(-2)).toEqual(['CHECKED_OUT', 'POST_WITHDRAWN']);
      // Erasing again is harmless and adds no event.
      await ok(
        `mutation($id: ID!) { erasePartner(id: $id) { status } }`,
        { id: id('erased') },
        coordinator,
      );
      expect((await eventsAfter(exchangeId)).map((e) => e.type)).toEqual(types);
    });
  });
});
