import { writeFile } from 'node:fs/promises';
import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { BUDDY_MIN_COOPERATIONS } from '../../src/analytics/buddies';
import { SHORT_DIMENSION_NAMES } from '../../src/analytics/community-labels';
import { createTestEvents } from '../support/fixtures';
import {
  type GraphQLResponse,
  postGraphQL,
  startTestApp,
  wsClient,
  wsExecute,
} from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-gaps-';

/** The coordinator's question: "which dimension pairs have fewer than 2 Vielfaltskooperationen, and whom could we ask?" */
const GOAL = `{
  dimensionPairGaps(kinds: [DIVERSITY_COOPERATION], below: 2, first: 21) {
    firstDimensionName secondDimensionName firstDimensionKey secondDimensionKey cooperations
    pairs {
      score coveredDimensionKeys
      first { id name latestOutreach { kind at } }
      second { id name latestOutreach { kind at } }
    }
  }
}`;
const GAPS = `query($kinds: [CooperationKind!], $from: LocalDate, $to: LocalDate, $below: Int, $first: Int) {
  dimensionPairGaps(kinds: $kinds, from: $from, to: $to, below: $below, first: $first) {
    firstDimensionKey secondDimensionKey cooperations } }`;
const INACTIVE = `query($since: LocalDate!, $statuses: [PartnerStatus!], $first: Int) {
  inactivePartners(since: $since, statuses: $statuses, first: $first) {
    totalCount
    edges { node {
      partner { id status joinedOn }
      lastActivityOn neverActive
      upcomingEvents { id kind date }
      buddy { cooperations suggestion { score partner { id status } } }
      latestOutreach { kind outcome note }
    } } } }`;
const RECORD = `mutation($p: ID!, $input: RecordOutreachInput!) {
  recordOutreach(partnerId: $p, input: $input) { id partnerId kind outcome note at by } }`;
const OUTREACH = `query($p: ID!) { outreach(partnerId: $p) { id kind outcome note } }`;
const OVERVIEW = `{ networkOverview { years { year partialYear activeShare } } }`;
const COMMUNITIES = `{ communities(first: 10) { communities {
  id size label labelDimensionKeys dominantSectors
  dominantDimensions { key share } sectors { sector share } } } }`;

interface GapRow {
  firstDimensionKey: string;
  secondDimensionKey: string;
  cooperations: number;
}
interface GoalGap extends GapRow {
  firstDimensionName: string;
  secondDimensionName: string;
  pairs: {
    score: number;
    coveredDimensionKeys: string[];
    first: { id: string; name: string; latestOutreach: { kind: string } | null };
    second: { id: string; name: string; latestOutreach: { kind: string } | null };
  }[];
}
interface InactiveNode {
  partner: { id: string; status: string; joinedOn: string };
  lastActivityOn: string | null;
  neverActive: boolean;
  upcomingEvents: { id: string; kind: string; date: string }[];
  buddy: {
    cooperations: number;
    suggestion: { score: number; partner: { id: string; status: string } };
  } | null;
  latestOutreach: { kind: string; outcome: string | null; note: string | null } | null;
}

type Vars = Record<string, unknown>;

describe('coordinator analytics: where are we thin?', () => {
  let app: App;
  let coordinator: Record<string, string>;

  const cypher = <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Vars = {},
    headers = coordinator,
  ): Promise<GraphQLResponse<T>> {
    return (await postGraphQL<T>(app, query, variables, headers)).body;
  }

  async function data<T>(query: string, variables: Vars = {}): Promise<T> {
    const body = await gql<T>(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  /** Cooperations of the kinds, started in the window, addressing both, with a member partner. */
  async function independentPairCounts(
    kinds: string[],
    from: string | null = null,
    to: string | null = null,
  ): Promise<Map<string, number>> {
    const rows = await cypher<{ a: string; b: string; n: number }>(
      `MATCH (a:Dimension)<-[:ADDRESSES]-(c:Cooperation)-[:ADDRESSES]->(b:Dimension)
WHERE a.key < b.key AND c.status IN ['ACTIVE', 'ENDED'] AND c.kind IN $kinds
  AND ($from IS NULL OR c.startedOn >= date($from)) AND ($to IS NULL OR c.startedOn <= date($to))
  AND EXISTS { (c)<-[:PARTICIPATES_IN]-(p:Partner) WHERE p.status IN ['ACTIVE', 'PAUSED'] }
RETURN a.key AS a, b.key AS b, count(DISTINCT c) AS n`,
      { kinds, from, to },
    );
    return new Map(rows.map((r) => [`${r.a}|${r.b}`, r.n]));
  }

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
  });

  afterAll(async () => {
    await cypher(
      `MATCH (n) WHERE (n:Event OR n:Outreach) AND n.id STARTS WITH $prefix DETACH DELETE n`,
      { prefix: PREFIX },
    );
    await cypher(`MATCH (o:Outreach) WHERE o.note STARTS WITH $prefix DETACH DELETE o`, {
      prefix: PREFIX,
    });
    await app.stop();
  });

  describe('dimensionPairGaps', () => {
    it('should count Vielfaltskooperationen and network projects by default, action days only when asked', async () => {
      const { dimensionPairGaps: byDefault } = await data<{ dimensionPairGaps: GapRow[] }>(GAPS, {
        first: 21,
      });
      const expected = await independentPairCounts(['DIVERSITY_COOPERATION', 'NETWORK_PROJECT']);
      expect(byDefault).toHaveLength(21);
      for (const gap of byDefault) {
        const key = `${gap.firstDimensionKey}|${gap.secondDimensionKey}`;
        expect(gap.cooperations).toBe(expected.get(key) ?? 0);
      }
      const { dimensionPairGaps: actionDays } = await data<{ dimensionPairGaps: GapRow[] }>(GAPS, {
        first: 21,
        kinds: ['ACTION_DAY_EVENT'],
      });
      const withActionDays = await independentPairCounts(['ACTION_DAY_EVENT']);
      for (const gap of actionDays) {
        const key = `${gap.firstDimensionKey}|${gap.secondDimensionKey}`;
        expect(gap.cooperations).toBe(withActionDays.get(key) ?? 0);
      }
      const total = (gaps: GapRow[]) => gaps.reduce((sum, g) => sum + g.cooperations, 0);
      expect(total(actionDays)).toBeGreaterThan(total(byDefault));
    });

    it('should count only cooperations started in the window', async () => {
      const window = { from: '2019-01-01', to: '2021-12-31' };
      const { dimensionPairGaps } = await data<{ dimensionPairGaps: GapRow[] }>(GAPS, {
        first: 21,
        ...window,
      });
      const expected = await independentPairCounts(
        ['DIVERSITY_COOPERATION', 'NETWORK_PROJECT'],
        window.from,
        window.to,
      );
      for (const gap of dimensionPairGaps) {
        const key = `${gap.firstDimensionKey}|${gap.secondDimensionKey}`;
        expect(gap.cooperations).toBe(expected.get(key) ?? 0);
      }
    });

    it('should refuse a malformed window, from after to and below 0 with BAD_USER_INPUT naming the argument', async () => {
      const cases: [Vars, string][] = [
        [{ from: '2021-01-01', to: '2020-01-01' }, 'from'],
        [{ below: 0 }, 'below'],
      ];
      for (const [variables, argument] of cases) {
        const body = await gql(GAPS, variables);
        expect(codeOf(body)).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.extensions?.argument).toBe(argument);
      }
    });

    it('should answer the goal in one query: pairs with fewer than 2 Vielfaltskooperationen and whom to ask', async () => {
      const { dimensionPairGaps: gaps } = await data<{ dimensionPairGaps: GoalGap[] }>(GOAL);
      const expected = await independentPairCounts(['DIVERSITY_COOPERATION']);
      const below = [...expected.values()].filter((n) => n < 2).length;
      const zero = 21 - expected.size;
      expect(gaps).toHaveLength(below + zero);
      expect(gaps.length).toBeGreaterThan(0);
      const engaged = new Map(
        (
          await cypher<{ id: string; keys: string[]; status: string }>(
            `MATCH (p:Partner) RETURN p.id AS id, p.status AS status,
  COLLECT { MATCH (p)-[:ENGAGES_IN]->(d) RETURN d.key } AS keys`,
          )
        ).map((r) => [r.id, r]),
      );
      for (const gap of gaps) {
        expect(gap.cooperations).toBeLessThan(2);
        expect(gap.cooperations).toBe(
          expected.get(`${gap.firstDimensionKey}|${gap.secondDimensionKey}`) ?? 0,
        );
        for (const pair of gap.pairs) {
          const first = engaged.get(pair.first.id);
          const second = engaged.get(pair.second.id);
          expect(first?.status).toBe('ACTIVE');
          expect(second?.status).toBe('ACTIVE');
          expect(first?.keys).toContain(gap.firstDimensionKey);
          expect(second?.keys).toContain(gap.secondDimensionKey);
          const [together] = await cypher<{ n: number }>(
            `MATCH (:Partner {id: $a})-[:PARTICIPATES_IN]->(c)<-[:PARTICIPATES_IN]-(:Partner {id: $b})
RETURN count(c) AS n`,
            { a: pair.first.id, b: pair.second.id },
          );
          expect(together?.n).toBe(0);
        }
      }
      expect(gaps.some((g) => g.pairs.length > 0)).toBe(true);
      // The first gaps question after a start computes both networks and warms the matching.
      if (process.env.VIELFALT_WRITE_DEMO_ANSWERS) {
        await writeFile(
          `${process.env.VIELFALT_WRITE_DEMO_ANSWERS}/goal.json`,
          JSON.stringify(
            { gaps, diversityCooperationsPerPair: Object.fromEntries(expected) },
            null,
            2,
          ),
        );
      }
    }, 180_000);

    it('should show the latest outreach of a candidate once a coordinator recorded one', async () => {
      const { dimensionPairGaps: gaps } = await data<{ dimensionPairGaps: GoalGap[] }>(GOAL);
      const candidate = gaps.flatMap((g) => g.pairs)[0]?.first;
      expect(candidate).toBeDefined();
      await data(RECORD, {
        p: candidate?.id,
        input: { kind: 'CONTACTED', note: `${PREFIX}angerufen wegen Religion × Geschlecht` },
      });
      const again = await data<{ dimensionPairGaps: GoalGap[] }>(GOAL);
      const shown = again.dimensionPairGaps
        .flatMap((g) => g.pairs.flatMap((p) => [p.first, p.second]))
        .filter((p) => p.id === candidate?.id);
      expect(shown.length).toBeGreaterThan(0);
      for (const p of shown) expect(p.latestOutreach).toMatchObject({ kind: 'CONTACTED' });
    });
  });

  describe('inactivePartners', () => {
    const since = '2022-06-12';
    const future = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

    beforeAll(async () => {
      await createTestEvents(app, [
        { id: `${PREFIX}meeting`, kind: 'ALLIANCE_MEETING', date: future(40) },
        { id: `${PREFIX}training`, kind: 'TRAINING', date: future(12) },
      ]);
    });

    async function inactive(variables: Vars) {
      return (
        await data<{ inactivePartners: { totalCount: number; edges: { node: InactiveNode }[] } }>(
          INACTIVE,
          { since, ...variables },
        )
      ).inactivePartners;
    }

    it('should list ACTIVE partners who had signed by the date, and PAUSED ones only when asked', async () => {
      const count = async (statuses: string[]) =>
        (
          await cypher<{ n: number }>(
            `MATCH (p:Partner) WHERE p.status IN $statuses AND p.joinedOn <= date($since)
  AND NOT EXISTS { MATCH (p)-[:PARTICIPATES_IN]->(c:Cooperation)
    WHERE c.status IN ['ACTIVE', 'ENDED'] AND coalesce(c.endedOn, date('9999-12-31')) >= date($since) }
  AND NOT EXISTS { MATCH (p)-[:ATTENDED]->(e:Event) WHERE e.date >= date($since) }
RETURN count(p) AS n`,
            { statuses, since },
          )
        )[0]?.n;
      const byDefault = await inactive({ first: 50 });
      expect(byDefault.totalCount).toBe(await count(['ACTIVE']));
      for (const { node } of byDefault.edges) {
        expect(node.partner.status).toBe('ACTIVE');
        expect(node.partner.joinedOn <= since).toBe(true);
      }
      const withPaused = await inactive({ first: 1, statuses: ['ACTIVE', 'PAUSED'] });
      expect(withPaused.totalCount).toBe(await count(['ACTIVE', 'PAUSED']));
      expect(withPaused.totalCount).toBeGreaterThan(byDefault.totalCount);
      const refused = await gql(INACTIVE, { since, statuses: ['LEFT'] });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.argument).toBe('statuses');
    });

    it('should give never-active partners no last activity: joining is not activity', async () => {
      const { edges } = await inactive({ first: 50 });
      const never = edges.filter((e) => e.node.neverActive);
      expect(never.length).toBeGreaterThan(0);
      for (const { node } of never) expect(node.lastActivityOn).toBeNull();
      for (const { node } of edges.filter((e) => !e.node.neverActive)) {
        expect(node.lastActivityOn).not.toBe(node.partner.joinedOn);
      }
    });

    it('should list the planned meetings and trainings, soonest first', async () => {
      const { edges } = await inactive({ first: 1 });
      const ids = edges[0]?.node.upcomingEvents.map((e) => e.id) ?? [];
      expect(ids.indexOf(`${PREFIX}training`)).toBeLessThan(ids.indexOf(`${PREFIX}meeting`));
      expect(ids).toContain(`${PREFIX}meeting`);
    });

    it('should pair each inactive partner with an experienced ACTIVE buddy, never another newcomer', async () => {
      const { edges } = await inactive({ first: 20 });
      const withBuddy = edges.filter((e) => e.node.buddy !== null);
      expect(withBuddy.length).toBeGreaterThan(edges.length / 2);
      for (const { node } of withBuddy) {
        const buddy = node.buddy;
        if (!buddy) continue;
        expect(buddy.suggestion.partner.status).toBe('ACTIVE');
        expect(buddy.suggestion.partner.id).not.toBe(node.partner.id);
        expect(buddy.cooperations).toBeGreaterThanOrEqual(BUDDY_MIN_COOPERATIONS);
        const [row] = await cypher<{ n: number }>(
          `MATCH (:Partner {id: $id})-[:PARTICIPATES_IN]->(c:Cooperation) RETURN count(c) AS n`,
          { id: buddy.suggestion.partner.id },
        );
        expect(row?.n).toBe(buddy.cooperations);
      }
    });

    it('should batch buddies and outreach: a page of 20 costs as many round trips as a page of 2', async () => {
      const statements = async (first: number) => {
        let n = 0;
        const stop = app.database.executor.observe(() => (n += 1));
        try {
          await inactive({ first });
        } finally {
          stop();
        }
        return n;
      };
      await statements(2);
      expect(await statements(20)).toBe(await statements(2));
    });

    it('should show the latest outreach recorded for a partner', async () => {
      const { edges } = await inactive({ first: 1 });
      const partnerId = edges[0]?.node.partner.id;
      await data(RECORD, { p: partnerId, input: { kind: 'INVITED', note: `${PREFIX}Einladung` } });
      await data(RECORD, {
        p: partnerId,
        input: { kind: 'ANSWERED', outcome: 'INTERESTED', note: `${PREFIX}kommt zum Treffen` },
      });
      const again = await inactive({ first: 1 });
      expect(again.edges[0]?.node.latestOutreach).toEqual({
        kind: 'ANSWERED',
        outcome: 'INTERESTED',
        note: `${PREFIX}kommt zum Treffen`,
      });
      const { outreach } = await data<{ outreach: { kind: string }[] }>(OUTREACH, {
        p: partnerId,
      });
      expect(outreach.map((o) => o.kind).slice(0, 2)).toEqual(['ANSWERED', 'INVITED']);
    });
  });

  describe('recordOutreach', () => {
    it('should refuse an unknown partner with NOT_FOUND and a note with a line break with BAD_USER_INPUT', async () => {
      const unknown = await gql(RECORD, { p: `${PREFIX}nobody`, input: { kind: 'INVITED' } });
      expect(codeOf(unknown)).toBe('NOT_FOUND');
      const bad = await gql(RECORD, {
        p: 'p-00001',
        input: { kind: 'INVITED', note: 'zwei\nZeilen' },
      });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.extensions?.field).toBe('input.note');
    });

    describe('role × operation matrix', () => {
      type Actor = 'PUBLIC' | 'PARTNER (own)' | 'PARTNER (other)' | 'COORDINATOR';
      type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN';
      const ACTORS: Actor[] = ['PUBLIC', 'PARTNER (own)', 'PARTNER (other)', 'COORDINATOR'];
      const coordinatorOnly: Record<Actor, Outcome> = {
        PUBLIC: 'UNAUTHENTICATED',
        'PARTNER (own)': 'FORBIDDEN',
        'PARTNER (other)': 'FORBIDDEN',
        COORDINATOR: 'allowed',
      };
      const OPERATIONS: { name: string; query: string; variables: Vars }[] = [
        {
          name: 'recordOutreach',
          query: RECORD,
          variables: { p: 'p-00001', input: { kind: 'CONTACTED', note: `${PREFIX}Matrix` } },
        },
        { name: 'outreach', query: OUTREACH, variables: { p: 'p-00001' } },
        { name: 'dimensionPairGaps', query: GAPS, variables: { below: 2 } },
        { name: 'inactivePartners', query: INACTIVE, variables: { since: '2022-06-12', first: 2 } },
      ];
      const headersOf: Record<Actor, () => Promise<Record<string, string>>> = {
        PUBLIC: async () => ({}),
        'PARTNER (own)': () => partnerAuth('p-00001'),
        'PARTNER (other)': () => partnerAuth('p-00002'),
        COORDINATOR: coordinatorAuth,
      };
      const cases = OPERATIONS.flatMap((op) =>
        ACTORS.map((actor) => [op.name, actor, coordinatorOnly[actor], op] as const),
      );

      function expectOutcome(body: GraphQLResponse, outcome: Outcome) {
        if (outcome !== 'allowed') {
          expect(codeOf(body)).toBe(outcome);
          expect(body.data ?? null).toBeNull();
          return;
        }
        expect(body.errors).toBeUndefined();
      }

      it.each(cases)('over HTTP: %s as %s → %s', async (_name, actor, outcome, op) => {
        expectOutcome(await gql(op.query, op.variables, await headersOf[actor]()), outcome);
      });

      describe('over graphql-ws', () => {
        const clients = new Map<Actor, Client>();
        beforeAll(async () => {
          for (const actor of ACTORS) clients.set(actor, wsClient(app, await headersOf[actor]()));
        });
        afterAll(async () => {
          for (const client of clients.values()) await client.dispose();
        });

        it.each(cases)('%s as %s → %s', async (_name, actor, outcome, op) => {
          expectOutcome(
            await wsExecute(clients.get(actor) as Client, op.query, op.variables),
            outcome,
          );
        });
      });
    });
  });

  describe('partial years and community names', () => {
    it('should flag 2023 of the demo as a partial year (the data stop at the talk) and 2022 as whole', async () => {
      const { networkOverview } = await data<{
        networkOverview: { years: { year: number; partialYear: boolean }[] };
      }>(OVERVIEW);
      const flag = new Map(networkOverview.years.map((y) => [y.year, y.partialYear]));
      expect(flag.get(2023)).toBe(true);
      expect(flag.get(2022)).toBe(false);
      expect(networkOverview.years.filter((y) => y.partialYear).map((y) => y.year)).toEqual([2023]);
    });

    it('should name every community by its dominant dimensions and sectors, in German', async () => {
      const { communities } = await data<{
        communities: {
          communities: {
            label: string;
            labelDimensionKeys: string[];
            dominantSectors: string[];
            dominantDimensions: { key: string }[];
            sectors: { sector: string }[];
          }[];
        };
      }>(COMMUNITIES);
      expect(communities.communities.length).toBeGreaterThan(1);
      const sectorNames: Record<string, string> = {
        CIVIL_SOCIETY: 'Zivilgesellschaft',
        BUSINESS: 'Wirtschaft',
        POLITICS: 'Politik',
        ADMINISTRATION: 'Verwaltung',
      };
      for (const c of communities.communities) {
        expect(c.label.length).toBeGreaterThan(0);
        expect(c.labelDimensionKeys.length).toBeGreaterThan(0);
        for (const key of c.labelDimensionKeys) {
          expect(c.label).toContain(SHORT_DIMENSION_NAMES[key]?.de ?? key);
        }
        expect(c.dominantSectors[0]).toBe(c.sectors[0]?.sector);
        expect(c.label).toContain(sectorNames[c.dominantSectors[0] ?? ''] ?? '?');
      }
      if (process.env.VIELFALT_WRITE_DEMO_ANSWERS) {
        await writeFile(
          `${process.env.VIELFALT_WRITE_DEMO_ANSWERS}/communities.json`,
          JSON.stringify(communities, null, 2),
        );
      }
    });
  });
});
