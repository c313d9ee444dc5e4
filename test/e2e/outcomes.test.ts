import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { describeRoleMatrix } from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-out-';
const TITLE = 'T-Out ';

/** Dedicated test partners: [id, status, engagements as "dimension/PERSPECTIVE"]. */
const PARTNERS: TestPartner[] = [
  ['a', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']], // records outcomes
  ['b', 'ACTIVE', ['religion/SERVICE', 'social_origin/COMMUNITY']], // a: NOT_A_FIT
  ['c', 'ACTIVE', ['abilities/SERVICE', 'religion/COMMUNITY']], // a: COOPERATION_PLANNED
  ['d', 'ACTIVE', ['sexual_orientation/COMMUNITY', 'ethnic_origin/ADVOCACY']], // a's Börse match
  ['paused', 'PAUSED', ['religion/COMMUNITY']],
];
const id = (name: string) => `${PREFIX}${name}`;

const OUTCOME_FIELDS = 'id aboutPartnerId matchId exchangeId outcome note at';
const RECORD = `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { ${OUTCOME_FIELDS} } }`;
const MINE = `query($first: Int, $after: String) { myOutcomes(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${OUTCOME_FIELDS} } } } }`;
const COUNTS = `suggestionsViewed matches contactRequested contactAccepted proposed confirmed ended
  outcomes { outcome count }`;
const FUNNEL = `query($from: LocalDate!, $to: LocalDate!, $x: ID) {
  cooperationFunnel(from: $from, to: $to, exchangeId: $x) {
    from to exchangeId months { month ${COUNTS} } total { ${COUNTS} } } }`;
const SUGGEST = `query($id: ID!, $filter: SuggestionFilter) {
  suggestedPartners(partnerId: $id, first: 50, filter: $filter) { partner { id } } }`;
const EXPLAIN = `query($id: ID!, $c: ID!) { explainPair(partnerId: $id, candidateId: $c) {
  eligible rules { rule passed text } } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface OutcomeResult {
  id: string;
  aboutPartnerId: string;
  matchId: string | null;
  exchangeId: string | null;
  outcome: string;
  note: string | null;
  at: string;
}
interface Counts {
  suggestionsViewed: number | null;
  matches: number | null;
  contactRequested: number;
  contactAccepted: number;
  proposed: number;
  confirmed: number;
  ended: number;
  outcomes: { outcome: string; count: number }[];
}
interface Funnel {
  from: string;
  to: string;
  exchangeId: string | null;
  months: (Counts & { month: string })[];
  total: Counts;
}

/**
 * FIXTURES OF THE CONTRACT'S GRAPH SHAPES (docs/follow-through.md): a Börse with two matches,
 * contact requests as package B writes them, cooperations with the proposal properties package A
 * writes, and suggestion-view counters — written straight in Cypher, in 2031, so that no other
 * suite's data falls into the counted months. The funnel must count these shapes as they are.
 */
const SHAPES = `CREATE (x:Exchange {id: $x, title: 'T-Out Börse', status: 'CLOSED', createdAt: datetime('2031-03-01T09:00:00Z')})
CREATE (:ExchangeMatch {id: $m1, exchangeId: $x, pairKey: $a + '|' + $d, partnerIds: [$a, $d],
  createdAt: datetime('2031-03-10T10:00:00Z'), cooperationId: $c1})-[:IN]->(x)
CREATE (:ExchangeMatch {id: $m2, exchangeId: $x, pairKey: $b + '|' + $c, partnerIds: [$b, $c],
  createdAt: datetime('2031-04-01T10:00:00Z'), cooperationId: null})-[:IN]->(x)
CREATE (:ContactRequest {id: $r1, fromPartnerId: $a, toPartnerId: $d, message: 'Hallo', status: 'ACCEPTED',
  contextKind: 'EXCHANGE_MATCH', contextExchangeId: $x, contextMatchId: $m1,
  createdAt: datetime('2031-03-10T11:00:00Z'), answeredAt: datetime('2031-04-02T09:00:00Z')})
CREATE (:ContactRequest {id: $r2, fromPartnerId: $b, toPartnerId: $c, message: 'Hallo', status: 'PENDING',
  contextKind: 'SUGGESTION', createdAt: datetime('2031-03-15T11:00:00Z')})
CREATE (:ContactRequest {id: $r3, fromPartnerId: $c, toPartnerId: $a, message: 'Hallo', status: 'REVOKED',
  contextKind: 'SUGGESTION', createdAt: datetime('2031-03-20T11:00:00Z'),
  answeredAt: datetime('2031-03-21T23:30:00Z'), revokedAt: datetime('2031-04-10T08:00:00Z'), revokedBy: $a})
CREATE (:ContactRequest {id: $r4, fromPartnerId: $d, toPartnerId: $b, message: 'Hallo', status: 'DECLINED',
  contextKind: 'SUGGESTION', createdAt: datetime('2031-05-01T11:00:00Z'), answeredAt: datetime('2031-05-02T11:00:00Z')})
CREATE (:Cooperation {id: $c1, title: 'T-Out 1', kind: 'NETWORK_PROJECT', status: 'ENDED',
  startedOn: date('2031-04-05'), endedOn: date('2031-05-20'), proposedAt: datetime('2031-03-12T10:00:00Z'),
  proposedBy: $a, activatedAt: datetime('2031-04-05T10:00:00Z'), exchangeId: $x, matchId: $m1})
CREATE (:Cooperation {id: $c2, title: 'T-Out 2', kind: 'NETWORK_PROJECT', status: 'DRAFT',
  startedOn: date('2031-05-01'), proposedAt: datetime('2031-04-15T10:00:00Z'), proposedBy: $b,
  expiresAt: datetime('2031-05-15T10:00:00Z')})
CREATE (:Cooperation {id: $c3, title: 'T-Out 3', kind: 'NETWORK_PROJECT', status: 'DECLINED',
  startedOn: date('2031-05-01'), proposedAt: datetime('2031-04-20T10:00:00Z'), proposedBy: $c,
  decidedAt: datetime('2031-04-22T10:00:00Z'), decidedBy: $d})
CREATE (:Cooperation {id: $c4, title: 'T-Out 4', kind: 'NETWORK_PROJECT', status: 'ACTIVE',
  startedOn: date('2031-04-01'), activatedAt: datetime('2031-04-01T10:00:00Z')})
CREATE (:FunnelCounter {day: date('2031-03-05'), stage: 'SUGGESTIONS_VIEWED', count: 7})
CREATE (:FunnelCounter {day: date('2031-04-30'), stage: 'SUGGESTIONS_VIEWED', count: 3})`;

describe('outcomes and the cooperation funnel', () => {
  let app: App;
  let coordinator: Headers;
  let districtKey: string;

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  const http = async <T = Record<string, unknown>>(query: string, vars: Vars, headers: Headers) =>
    (await postGraphQL<T>(app, query, vars, headers)).body;

  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;
  const as = (name: string) => partnerAuth(id(name));

  async function record(by: string, input: Vars): Promise<OutcomeResult> {
    const body = await http<{ recordOutcome: OutcomeResult }>(RECORD, { input }, await as(by));
    expect(body.errors).toBeUndefined();
    return body.data?.recordOutcome as OutcomeResult;
  }

  async function funnel(vars: Vars): Promise<Funnel> {
    const body = await http<{ cooperationFunnel: Funnel }>(FUNNEL, vars, coordinator);
    expect(body.errors).toBeUndefined();
    return body.data?.cooperationFunnel as Funnel;
  }

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    // a, b and c in one district: a district filter then lists every candidate among them.
    const [district] = await cypher<{ key: string }>(
      `MATCH (d:District) WITH d ORDER BY d.key LIMIT 1
MATCH (p:Partner) WHERE p.id IN $ids CREATE (p)-[:LOCATED_IN]->(d)
RETURN DISTINCT d.key AS key`,
      { ids: ['a', 'b', 'c'].map(id) },
    );
    districtKey = district?.key as string;
    const names = [
      'a',
      'b',
      'c',
      'd',
      'x',
      'm1',
      'm2',
      'r1',
      'r2',
      'r3',
      'r4',
      'c1',
      'c2',
      'c3',
      'c4',
    ];
    await cypher(SHAPES, Object.fromEntries(names.map((n) => [n, id(n)])));
  });

  afterAll(async () => {
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x STARTS WITH $prefix) DELETE a`,
      { prefix: PREFIX },
    );
    await cypher(
      `MATCH (n) WHERE (n:Outcome AND n.byPartnerId STARTS WITH $prefix)
  OR ((n:Exchange OR n:ExchangeMatch OR n:ContactRequest OR n:Cooperation OR n:Partner) AND n.id STARTS WITH $prefix)
  OR (n:FunnelCounter AND n.day.year = 2031)
DETACH DELETE n`,
      { prefix: PREFIX },
    );
    await app.stop();
  });

  describe('role × operation matrix', () => {
    type Actor = 'PUBLIC' | 'PARTNER (own)' | 'PARTNER (other)' | 'COORDINATOR';

    describeRoleMatrix<Actor>({
      app: () => app,
      actors: {
        PUBLIC: async () => ({}),
        'PARTNER (own)': () => as('a'),
        'PARTNER (other)': () => as('b'),
        COORDINATOR: coordinatorAuth,
      },
      operations: [
        {
          name: 'recordOutcome (pair)',
          prepare: () => ({ input: { aboutPartnerId: id('d'), outcome: 'MET' } }),
          query: RECORD,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (own)': 'allowed',
            'PARTNER (other)': 'allowed',
            COORDINATOR: 'FORBIDDEN',
          },
        },
        {
          name: 'recordOutcome (match)',
          prepare: () => ({ input: { matchId: id('m1'), outcome: 'MET' } }),
          query: RECORD,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (own)': 'allowed',
            'PARTNER (other)': 'FORBIDDEN',
            COORDINATOR: 'FORBIDDEN',
          },
        },
        {
          name: 'myOutcomes',
          prepare: () => ({ first: 5 }),
          query: MINE,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (own)': 'allowed',
            'PARTNER (other)': 'allowed',
            COORDINATOR: 'FORBIDDEN',
          },
        },
        {
          name: 'cooperationFunnel',
          prepare: () => ({ from: '2031-03-01', to: '2031-05-31' }),
          query: FUNNEL,
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

  describe('recordOutcome', () => {
    it('should record an outcome of a Börse match about the other partner, with its exchange', async () => {
      const outcome = await record('d', { matchId: id('m1'), outcome: 'COOPERATION_PLANNED' });
      expect(outcome).toMatchObject({
        aboutPartnerId: id('a'),
        matchId: id('m1'),
        exchangeId: id('x'),
        outcome: 'COOPERATION_PLANNED',
        note: null,
      });
      expect(outcome.id).toMatch(/^o-[0-9a-f-]{36}$/);
    });

    it('should replace the earlier outcome of the pair, and change nothing on a repeat', async () => {
      const first = await record('b', { aboutPartnerId: id('c'), outcome: 'NO_RESPONSE' });
      const replaced = await record('b', {
        aboutPartnerId: id('c'),
        outcome: 'MET',
        note: 'Gutes Treffen im Mai 🙂',
      });
      expect(replaced).toMatchObject({
        id: first.id,
        outcome: 'MET',
        note: 'Gutes Treffen im Mai 🙂',
      });
      const repeated = await record('b', {
        aboutPartnerId: id('c'),
        outcome: 'MET',
        note: 'Gutes Treffen im Mai 🙂',
      });
      expect(repeated).toEqual(replaced);
      const [stored] = await cypher<{ n: number }>(
        'MATCH (o:Outcome {byPartnerId: $b, aboutPartnerId: $c}) RETURN count(o) AS n',
        { b: id('b'), c: id('c') },
      );
      expect(stored?.n).toBe(1);
    });

    it.each([
      ['neither pair nor match', { outcome: 'MET' }, ['input.aboutPartnerId', 'input.matchId']],
      [
        'both pair and match',
        { aboutPartnerId: id('d'), matchId: id('m1'), outcome: 'MET' },
        ['input.aboutPartnerId', 'input.matchId'],
      ],
      ['oneself', { aboutPartnerId: id('a'), outcome: 'MET' }, ['input.aboutPartnerId']],
      [
        'a note over 1,000 characters',
        { aboutPartnerId: id('d'), outcome: 'MET', note: 'x'.repeat(1001) },
        ['input.note'],
      ],
      [
        'a note with control characters',
        { aboutPartnerId: id('d'), outcome: 'MET', note: 'Zeile\nZeile' },
        ['input.note'],
      ],
    ])('should refuse %s with BAD_USER_INPUT and the paths', async (_what, input, paths) => {
      const body = await http(RECORD, { input }, await as('a'));
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      const fields = body.errors?.[0]?.extensions?.fields as { path: string }[];
      expect(fields.map((f) => f.path)).toEqual(paths);
    });

    it.each([
      ['an unknown partner', { aboutPartnerId: id('nobody') }, 'NOT_FOUND', 'input.aboutPartnerId'],
      ['an unknown match', { matchId: id('no-match') }, 'NOT_FOUND', 'input.matchId'],
      ['a match of others', { matchId: id('m2') }, 'FORBIDDEN', 'input.matchId'],
    ])('should refuse %s', async (_what, subject, code, argument) => {
      const body = await http(RECORD, { input: { ...subject, outcome: 'MET' } }, await as('a'));
      expect(codeOf(body)).toBe(code);
      expect(body.errors?.[0]?.extensions?.argument).toBe(argument);
    });

    it('should refuse a partner that is not ACTIVE', async () => {
      const vars = { input: { aboutPartnerId: id('a'), outcome: 'MET' } };
      const body = await http(RECORD, vars, await as('paused'));
      expect(codeOf(body)).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/to be ACTIVE, but it is PAUSED/);
    });
  });

  describe('myOutcomes', () => {
    it("should list only the caller's own outcomes, newest first, page by page", async () => {
      await record('c', { aboutPartnerId: id('b'), outcome: 'NO_RESPONSE' });
      await record('c', { aboutPartnerId: id('d'), outcome: 'MET' });
      await record('c', { aboutPartnerId: id('a'), outcome: 'NOT_A_FIT', note: 'privat' });
      type Page = {
        myOutcomes: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: OutcomeResult }[];
        };
      };
      const first = await http<Page>(MINE, { first: 2 }, await as('c'));
      expect(first.errors).toBeUndefined();
      const page = first.data?.myOutcomes;
      expect(page?.totalCount).toBe(3);
      expect(page?.edges.map((e) => e.node.aboutPartnerId)).toEqual([id('a'), id('d')]);
      expect(page?.pageInfo.hasNextPage).toBe(true);
      const second = await http<Page>(
        MINE,
        { first: 2, after: page?.pageInfo.endCursor },
        await as('c'),
      );
      expect(second.data?.myOutcomes.edges.map((e) => e.node.aboutPartnerId)).toEqual([id('b')]);
      // What c recorded about a is c's alone: a's own list never shows it.
      const ofA = await http<Page>(MINE, { first: 100 }, await as('a'));
      expect(ofA.data?.myOutcomes.edges.every((e) => e.node.aboutPartnerId !== id('a'))).toBe(true);
      expect(JSON.stringify(ofA.data)).not.toContain('privat');
    });
  });

  describe('matching', () => {
    const listOf = async (headers: Headers) => {
      const vars = { id: id('a'), filter: { districts: [districtKey] } };
      const body = await http<{ suggestedPartners: { partner: { id: string } }[] }>(
        SUGGEST,
        vars,
        headers,
      );
      expect(body.errors).toBeUndefined();
      return body.data?.suggestedPartners.map((s) => s.partner.id) ?? [];
    };
    const rulesOf = async (candidate: string, headers: Headers) => {
      const vars = { id: id('a'), c: id(candidate) };
      type Explained = {
        explainPair: {
          eligible: boolean;
          rules: { rule: string; passed: boolean; text: string }[];
        };
      };
      const body = await http<Explained>(EXPLAIN, vars, headers);
      expect(body.errors).toBeUndefined();
      return body.data?.explainPair as Explained['explainPair'];
    };

    it('should suggest b and c to a before any outcome', async () => {
      expect(await listOf(await as('a'))).toEqual(expect.arrayContaining([id('b'), id('c')]));
    });

    it('should treat NOT_A_FIT as a dismissal and COOPERATION_PLANNED as in progress, for a only', async () => {
      await record('a', { aboutPartnerId: id('b'), outcome: 'NOT_A_FIT' });
      await record('a', { aboutPartnerId: id('c'), outcome: 'COOPERATION_PLANNED' });
      const own = await listOf(await as('a'));
      expect(own).not.toContain(id('b'));
      expect(own).not.toContain(id('c'));
      expect(await listOf(coordinator)).not.toContain(id('b'));
      // Outcomes are private: the public list does not reveal them.
      expect(await listOf({})).toEqual(expect.arrayContaining([id('b'), id('c')]));

      const b = await rulesOf('b', await as('a'));
      expect(b.eligible).toBe(false);
      expect(b.rules.find((r) => r.rule === 'NOT_DISMISSED')).toEqual({
        rule: 'NOT_DISMISSED',
        passed: false,
        text: `Sie haben zu ${TITLE}b „passt nicht“ festgehalten; ein neues Ergebnis (recordOutcome) nimmt das zurück.`,
      });
      const c = await rulesOf('c', await as('a'));
      expect(c.eligible).toBe(false);
      expect(c.rules.find((r) => r.rule === 'NOT_IN_PROGRESS')).toMatchObject({ passed: false });
      expect(c.rules.find((r) => r.rule === 'NOT_DISMISSED')).toMatchObject({ passed: true });
      const publicView = await rulesOf('b', {});
      expect(publicView.rules.map((r) => r.rule)).not.toContain('NOT_DISMISSED');
      expect(publicView.rules.map((r) => r.rule)).not.toContain('NOT_IN_PROGRESS');
    });

    it('should suggest the partner again once a newer outcome replaces NOT_A_FIT', async () => {
      await record('a', { aboutPartnerId: id('b'), outcome: 'MET' });
      expect(await listOf(await as('a'))).toContain(id('b'));
      const b = await rulesOf('b', await as('a'));
      expect(b.rules.filter((r) => !r.passed)).toEqual([]);
    });
  });

  describe('cooperationFunnel', () => {
    const zeroOutcomes = [
      { outcome: 'MET', count: 0 },
      { outcome: 'COOPERATION_PLANNED', count: 0 },
      { outcome: 'NOT_A_FIT', count: 0 },
      { outcome: 'NO_RESPONSE', count: 0 },
    ];

    it('should count the contract shapes per month for the alliance', async () => {
      const result = await funnel({ from: '2031-03-01', to: '2031-05-31' });
      expect(result).toMatchObject({ from: '2031-03-01', to: '2031-05-31', exchangeId: null });
      const stages = (c: Counts) => [
        c.suggestionsViewed,
        c.matches,
        c.contactRequested,
        c.contactAccepted,
        c.proposed,
        c.confirmed,
        c.ended,
      ];
      expect(result.months.map((m) => [m.month, ...stages(m)])).toEqual([
        ['2031-03', 7, null, 3, 1, 1, 0, 0],
        ['2031-04', 3, null, 0, 1, 2, 1, 0],
        ['2031-05', 0, null, 1, 0, 0, 0, 1],
      ]);
      expect(stages(result.total)).toEqual([10, null, 4, 2, 3, 1, 1]);
      expect(result.total.outcomes).toEqual(zeroOutcomes);
    });

    it('should count the last day of the period whole', async () => {
      const result = await funnel({ from: '2031-03-21', to: '2031-03-21' });
      expect(result.total).toMatchObject({ contactRequested: 0, contactAccepted: 1 });
    });

    it('should count only what belongs to the Börse with exchangeId', async () => {
      const result = await funnel({ from: '2031-03-01', to: '2031-05-31', x: id('x') });
      expect(result.exchangeId).toBe(id('x'));
      expect(
        result.months.map((m) => [
          m.month,
          m.suggestionsViewed,
          m.matches,
          m.contactRequested,
          m.contactAccepted,
          m.proposed,
          m.confirmed,
          m.ended,
        ]),
      ).toEqual([
        ['2031-03', null, 1, 1, 0, 1, 0, 0],
        ['2031-04', null, 1, 0, 1, 0, 1, 0],
        ['2031-05', null, 0, 0, 0, 0, 0, 1],
      ]);
    });

    it('should count outcomes recorded through the API, alliance-wide and per Börse', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const period = { from: `${today.slice(0, 7)}-01`, to: today };
      const countOf = (c: Counts, kind: string) =>
        c.outcomes.find((o) => o.outcome === kind)?.count;
      const before = await funnel(period);
      await record('a', { aboutPartnerId: id('d'), outcome: 'NO_RESPONSE' });
      await record('b', { aboutPartnerId: id('d'), outcome: 'NO_RESPONSE' });
      const after = await funnel(period);
      // a's outcome about d replaced an earlier one, b's too: only the latest counts, once.
      expect(countOf(after.total, 'NO_RESPONSE')).toBeGreaterThanOrEqual(2);
      expect((countOf(after.total, 'NO_RESPONSE') ?? 0) + (countOf(after.total, 'MET') ?? 0)).toBe(
        (countOf(before.total, 'NO_RESPONSE') ?? 0) + (countOf(before.total, 'MET') ?? 0),
      );

      await record('a', { matchId: id('m1'), outcome: 'MET', note: 'Auf der Börse getroffen' });
      const ofExchange = await funnel({ ...period, x: id('x') });
      expect(ofExchange.total.outcomes).toEqual([
        { outcome: 'MET', count: 1 },
        { outcome: 'COOPERATION_PLANNED', count: 1 },
        { outcome: 'NOT_A_FIT', count: 0 },
        { outcome: 'NO_RESPONSE', count: 0 },
      ]);
    });

    it('should count a partner reading its own suggestions once a day, nobody else', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const viewed = async () =>
        (await funnel({ from: today, to: today })).total.suggestionsViewed ?? 0;
      // The reads of this suite so far (a's own) are written within a second.
      const settle = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return viewed();
      };
      const before = await settle();
      await listOf(await as('d'));
      await rulesOf(await as('d'));
      await listOf(await as('d'));
      await listOf(coordinator);
      await listOf({});
      expect(await settle()).toBe(before + 1);

      async function listOf(headers: Headers) {
        const body = await http(SUGGEST, { id: id('d') }, headers);
        expect(body.errors).toBeUndefined();
      }
      async function rulesOf(headers: Headers) {
        const body = await http(EXPLAIN, { id: id('d'), c: id('a') }, headers);
        expect(body.errors).toBeUndefined();
      }
    });

    it.each([
      ['to before from', { from: '2031-05-02', to: '2031-05-01' }, /expected to on or after from/],
      ['more than five years', { from: '2020-01-01', to: '2025-01-02' }, /at most 5 years/],
    ])('should refuse %s with BAD_USER_INPUT naming to', async (_what, vars, message) => {
      const body = await http(FUNNEL, vars, coordinator);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions).toMatchObject({
        argument: 'to',
        fields: [{ path: 'to' }],
      });
      expect(body.errors?.[0]?.message).toMatch(message);
    });

    it('should refuse an unknown exchange with NOT_FOUND', async () => {
      const vars = { from: '2031-03-01', to: '2031-03-31', x: id('nowhere') };
      const body = await http(FUNNEL, vars, coordinator);
      expect(codeOf(body)).toBe('NOT_FOUND');
      expect(body.errors?.[0]?.extensions?.argument).toBe('exchangeId');
    });
  });
});
