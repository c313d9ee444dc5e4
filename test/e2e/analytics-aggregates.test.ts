import { parse } from 'csv-parse/sync';
import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { createTestEvents } from '../support/fixtures';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';
import type { YearFigures } from '../../src/analytics/aggregates';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-agg-';
const MEMBERS = ['ACTIVE', 'PAUSED'];

const OVERVIEW = `query($from: Int, $to: Int) { networkOverview(from: $from, to: $to) {
  from to years { year newPartners newMembers members activeMembers activeShare
    cooperationsStarted { kind count } actionDayOrganisers actionDayEvents
    meetingsHeld meetingAttendees trainingsHeld trainingAttendees } } }`;
const COVERAGE = `query($kinds: [CooperationKind!], $referenceYear: Int) {
  dimensionCoverage(kinds: $kinds, referenceYear: $referenceYear) {
    dimension { key } partners partnersByPerspective { perspective count }
    cooperations cooperationsByKind { kind count } cooperationsByPerspective { perspective count }
    trend { referenceYear recentFrom recentTo recent previousFrom previousTo previous change direction } } }`;
const MATRIX = `query($kinds: [CooperationKind!]) { sectorMatrix(kinds: $kinds) {
  totalLinks sectors { sector partners share }
  cells { sectorA sectorB links cooperations expectedLinks ratio } } }`;
const DISTRICTS = `{ districtCoverage { district { key name } partners cooperations actionDayEvents empty } }`;
const INACTIVE = `query($since: LocalDate!, $first: Int, $after: String, $suggestions: Int!) {
  inactivePartners(since: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { partner { id status joinedOn } lastActivityOn neverActive
      upcomingEvents { id kind date }
      suggestedPartners(first: $suggestions) { score partner { id } } } } } }`;
const INACTIVE_PLAIN = `query($since: LocalDate!, $first: Int, $after: String) {
  inactivePartners(since: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { partner { id status joinedOn } lastActivityOn neverActive } } } }`;
const AUDIENCE = `query($filter: AudienceFilter!, $first: Int, $after: String) {
  audience(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name status contactEmail } } } }`;

interface Coverage {
  dimension: { key: string };
  partners: number;
  partnersByPerspective: { perspective: string; count: number }[];
  cooperations: number;
  cooperationsByKind: { kind: string; count: number }[];
  cooperationsByPerspective: { perspective: string; count: number }[];
  trend: Record<string, number | string>;
}

interface Cell {
  sectorA: string;
  sectorB: string;
  links: number;
  cooperations: number;
  expectedLinks: number;
  ratio: number | null;
}

interface InactiveNode {
  partner: { id: string; status: string; joinedOn: string };
  lastActivityOn: string | null;
  neverActive: boolean;
  upcomingEvents: { id: string; kind: string; date: string }[];
  suggestedPartners: { score: number; partner: { id: string } }[];
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('coordinator analytics: aggregates and audience', () => {
  let app: App;
  let coordinator: Record<string, string>;
  let partner: Record<string, string>;

  const cypher = <T = Record<string, unknown>>(
    query: string,
    params: Record<string, unknown> = {},
  ) => app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  /** One number from an independent Cypher count. */
  async function count(query: string, params: Record<string, unknown> = {}): Promise<number> {
    const [row] = await cypher<{ n: number }>(query, params);
    return row?.n ?? Number.NaN;
  }

  async function gql<T = unknown>(
    query: string,
    variables: Record<string, unknown> = {},
    headers = coordinator,
  ): Promise<GraphQLResponse<T>> {
    return (await postGraphQL<T>(app, query, variables, headers)).body;
  }

  async function data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await gql<T>(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    partner = await partnerAuth('p-00001');
  });

  afterAll(async () => {
    await cypher(
      `MATCH (n) WHERE (n:Partner OR n:Event OR n:District) AND
  coalesce(n.id, n.key) STARTS WITH $prefix DETACH DELETE n`,
      { prefix: PREFIX },
    );
    await app.stop();
  });

  describe('access', () => {
    const queries: [string, string, Record<string, unknown>][] = [
      ['networkOverview', OVERVIEW, {}],
      ['dimensionCoverage', COVERAGE, {}],
      ['sectorMatrix', MATRIX, {}],
      ['districtCoverage', DISTRICTS, {}],
      ['inactivePartners', INACTIVE, { since: '2022-01-01', suggestions: 1 }],
      ['audience', AUDIENCE, { filter: {} }],
    ];

    it.each(queries)('should refuse %s without a token with UNAUTHENTICATED', async (_n, q, v) => {
      const body = await gql(q, v, {});
      expect(codeOf(body)).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    });

    it.each(queries)('should refuse %s to a partner with FORBIDDEN', async (_n, q, v) => {
      const body = await gql(q, v, partner);
      expect(codeOf(body)).toBe('FORBIDDEN');
      expect(body.data ?? null).toBeNull();
    });
  });

  describe('networkOverview', () => {
    let years: YearFigures[];

    beforeAll(async () => {
      const result = await data<{
        networkOverview: { from: number; to: number; years: YearFigures[] };
      }>(OVERVIEW);
      expect(result.networkOverview).toMatchObject({ from: 2016, to: 2023 });
      years = result.networkOverview.years;
    });

    it('should span the data from the first signature to the latest activity, every year once', () => {
      expect(years.map((y) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    });

    it('should count every signature once: new partners add up to all partners, new members to the members', async () => {
      expect(sum(years.map((y) => y.newPartners))).toBe(
        await count('MATCH (p:Partner) RETURN count(p) AS n'),
      );
      const members = await count('MATCH (p:Partner) WHERE p.status IN $m RETURN count(p) AS n', {
        m: MEMBERS,
      });
      expect(members).toBe(353);
      expect(sum(years.map((y) => y.newMembers))).toBe(members);
      expect(years.at(-1)?.members).toBe(members);
    });

    it('should reproduce the talk: 54 diversity cooperations, 10 network projects, Ø 110 organisers and 78 events', () => {
      const started = (kind: string) =>
        sum(years.map((y) => y.cooperationsStarted.find((c) => c.kind === kind)?.count ?? 0));
      expect(started('DIVERSITY_COOPERATION')).toBe(54);
      expect(started('NETWORK_PROJECT')).toBe(10);
      const actionYears = years.filter((y) => y.year >= 2016 && y.year <= 2022);
      expect(sum(actionYears.map((y) => y.actionDayOrganisers)) / 7).toBeCloseTo(110, 5);
      expect(sum(actionYears.map((y) => y.actionDayEvents)) / 7).toBeCloseTo(78, 5);
      expect(years.find((y) => y.year === 2023)?.actionDayEvents).toBe(0);
    });

    it('should agree with independent counts of meetings, attendees and action-day events per year', async () => {
      const meetings = await cypher<{ year: number; held: number; attendees: number }>(
        `MATCH (e:Event {kind: 'ALLIANCE_MEETING'})
OPTIONAL MATCH (p:Partner)-[:ATTENDED]->(e)
RETURN e.date.year AS year, count(DISTINCT e) AS held, count(DISTINCT p) AS attendees`,
      );
      for (const row of meetings) {
        expect(years.find((y) => y.year === row.year)).toMatchObject({
          meetingsHeld: row.held,
          meetingAttendees: row.attendees,
        });
      }
      expect(meetings.length).toBeGreaterThanOrEqual(7);
      const parts = await cypher<{ year: number; n: number }>(
        `MATCH (c:Cooperation {kind: 'ACTION_DAY_EVENT'}) RETURN c.startedOn.year AS year, count(c) AS n`,
      );
      for (const row of parts) {
        expect(years.find((y) => y.year === row.year)?.actionDayEvents).toBe(row.n);
      }
    });

    it('should count a member active in a year when a cooperation ran or it attended then', async () => {
      // An independent formulation: per member, the years of its cooperations' spans and events.
      const active2022 = await count(
        `MATCH (p:Partner) WHERE p.status IN $m AND (
  EXISTS { MATCH (p)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE c.status IN ['ACTIVE', 'ENDED']
    AND c.startedOn <= date('2022-12-31') AND (c.endedOn IS NULL OR c.endedOn >= date('2022-01-01')) }
  OR EXISTS { MATCH (p)-[:ATTENDED]->(e:Event) WHERE e.date.year = 2022 })
RETURN count(p) AS n`,
        { m: MEMBERS },
      );
      const year = years.find((y) => y.year === 2022);
      expect(year?.activeMembers).toBe(active2022);
      expect(year?.activeShare).toBeCloseTo(active2022 / (year?.members ?? 1), 3);
      expect(year?.activeShare).toBeGreaterThan(0.3);
      expect(year?.activeShare).toBeLessThan(0.9);
    });

    it('should give only the asked years, and a defaulted end stays within the data', async () => {
      const result = await data<{
        networkOverview: { from: number; to: number; years: YearFigures[] };
      }>(OVERVIEW, { from: 2020 });
      expect(result.networkOverview.from).toBe(2020);
      expect(result.networkOverview.to).toBe(2023);
      expect(result.networkOverview.years[0]).toEqual(years.find((y) => y.year === 2020));
    });

    it.each([
      [{ from: 2023, to: 2016 }, 'from'],
      [{ from: 1950, to: 2023 }, 'to'],
      [{ from: 1800 }, 'from'],
    ])('should refuse %j with BAD_USER_INPUT', async (variables, argument) => {
      const body = await gql(OVERVIEW, variables);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.argument).toBe(argument);
    });
  });

  describe('dimensionCoverage', () => {
    let coverage: Coverage[];

    beforeAll(async () => {
      coverage = (await data<{ dimensionCoverage: Coverage[] }>(COVERAGE)).dimensionCoverage;
    });

    it('should cover all seven dimensions with partners counted independently', async () => {
      expect(coverage).toHaveLength(7);
      for (const row of coverage) {
        const partners = await count(
          `MATCH (p:Partner)-[:ENGAGES_IN]->(:Dimension {key: $key}) WHERE p.status IN $m
RETURN count(DISTINCT p) AS n`,
          { key: row.dimension.key, m: MEMBERS },
        );
        expect(row.partners).toBe(partners);
        // A partner may engage from two perspectives: per perspective adds up to at least all.
        expect(sum(row.partnersByPerspective.map((p) => p.count))).toBeGreaterThanOrEqual(partners);
        expect(sum(row.cooperationsByKind.map((k) => k.count))).toBe(row.cooperations);
      }
    });

    it('should compare 2021–2022 with 2019–2020 for the demo (latest activity in 2023)', async () => {
      const religion = coverage.find((c) => c.dimension.key === 'religion');
      expect(religion?.trend).toMatchObject({
        referenceYear: 2023,
        recentFrom: 2021,
        recentTo: 2022,
        previousFrom: 2019,
        previousTo: 2020,
      });
      const started = (from: number, to: number) =>
        count(
          `MATCH (c:Cooperation)-[:ADDRESSES]->(:Dimension {key: 'religion'})
WHERE c.status IN ['ACTIVE', 'ENDED'] AND $from <= c.startedOn.year <= $to RETURN count(c) AS n`,
          { from, to },
        );
      expect(religion?.trend.recent).toBe(await started(2021, 2022));
      expect(religion?.trend.previous).toBe(await started(2019, 2020));
      expect(religion?.trend.change).toBe(
        Number(religion?.trend.recent) - Number(religion?.trend.previous),
      );
    });

    it('should count only the asked kinds, and move the windows with the reference year', async () => {
      const only = (
        await data<{ dimensionCoverage: Coverage[] }>(COVERAGE, {
          kinds: ['DIVERSITY_COOPERATION'],
          referenceYear: 2020,
        })
      ).dimensionCoverage;
      const total = sum(only.map((c) => c.cooperations));
      expect(total).toBe(
        await count(`MATCH (c:Cooperation {kind: 'DIVERSITY_COOPERATION'})-[:ADDRESSES]->(:Dimension)
WHERE c.status IN ['ACTIVE', 'ENDED'] RETURN count(*) AS n`),
      );
      expect(only[0]?.trend).toMatchObject({ recentFrom: 2018, recentTo: 2019 });
      expect(only[0]?.cooperationsByKind.map((k) => k.kind)).toEqual(['DIVERSITY_COOPERATION']);
    });
  });

  describe('sectorMatrix', () => {
    it('should count every partner pair of a cooperation once, in one of ten sector pairs', async () => {
      const { sectorMatrix } = await data<{
        sectorMatrix: { totalLinks: number; sectors: { share: number }[]; cells: Cell[] };
      }>(MATRIX);
      expect(sectorMatrix.cells).toHaveLength(10);
      const pairs = await count(
        `MATCH (c:Cooperation) WHERE c.status IN ['ACTIVE', 'ENDED']
WITH c, COUNT { (c)<-[:PARTICIPATES_IN]-(:Partner) } AS n
RETURN sum(n * (n - 1) / 2) AS n`,
      );
      expect(sectorMatrix.totalLinks).toBe(pairs);
      expect(sum(sectorMatrix.cells.map((c) => c.links))).toBe(pairs);
      expect(sum(sectorMatrix.cells.map((c) => c.expectedLinks))).toBeCloseTo(pairs, 0);
      expect(sum(sectorMatrix.sectors.map((s) => s.share))).toBeCloseTo(1, 3);
      const business = await count(
        `MATCH (a:Partner {sector: 'BUSINESS'})-[:PARTICIPATES_IN]->(c:Cooperation)<-[:PARTICIPATES_IN]-(b:Partner {sector: 'CIVIL_SOCIETY'})
WHERE c.status IN ['ACTIVE', 'ENDED'] RETURN count(*) AS n`,
      );
      const cell = sectorMatrix.cells.find(
        (c) => c.sectorA === 'CIVIL_SOCIETY' && c.sectorB === 'BUSINESS',
      );
      expect(cell?.links).toBe(business);
      expect(cell?.ratio).toBeCloseTo(business / (cell?.expectedLinks ?? 1), 2);
    });

    it('should narrow to the asked kinds', async () => {
      const { sectorMatrix } = await data<{ sectorMatrix: { totalLinks: number } }>(MATRIX, {
        kinds: ['NETWORK_PROJECT'],
      });
      const pairs = await count(
        `MATCH (c:Cooperation {kind: 'NETWORK_PROJECT'})
WITH c, COUNT { (c)<-[:PARTICIPATES_IN]-(:Partner) } AS n RETURN sum(n * (n - 1) / 2) AS n`,
      );
      expect(sectorMatrix.totalLinks).toBe(pairs);
      expect(pairs).toBeGreaterThan(0);
    });
  });

  describe('districtCoverage', () => {
    it('should list all 38 districts with their member partners', async () => {
      const { districtCoverage } = await data<{
        districtCoverage: { district: { key: string }; partners: number; empty: boolean }[];
      }>(DISTRICTS);
      const keys = await cypher<{ key: string }>('MATCH (d:District) RETURN d.key AS key');
      expect(keys).toHaveLength(38);
      expect(districtCoverage.map((d) => d.district.key).sort()).toEqual(
        keys.map((k) => k.key).sort(),
      );
      const located = await count(
        'MATCH (p:Partner)-[:LOCATED_IN]->(:District) WHERE p.status IN $m RETURN count(p) AS n',
        { m: MEMBERS },
      );
      expect(sum(districtCoverage.map((d) => d.partners))).toBe(located);
      const jungbusch = await count(
        `MATCH (:District {key: 'jungbusch'})<-[:LOCATED_IN]-(:Partner)-[:PARTICIPATES_IN]->(c:Cooperation {kind: 'ACTION_DAY_EVENT'})
RETURN count(DISTINCT c) AS n`,
      );
      expect(districtCoverage.find((d) => d.district.key === 'jungbusch')).toMatchObject({
        actionDayEvents: jungbusch,
        empty: false,
      });
    });

    it('should list a district without partners as empty', async () => {
      await cypher(
        `CREATE (:District {key: $key, name: 'Testviertel', borough: 'Test', boroughKey: $key})`,
        { key: `${PREFIX}district` },
      );
      const { districtCoverage } = await data<{
        districtCoverage: { district: { key: string }; partners: number; empty: boolean }[];
      }>(DISTRICTS);
      expect(districtCoverage.find((d) => d.district.key === `${PREFIX}district`)).toEqual({
        district: { key: `${PREFIX}district`, name: 'Testviertel' },
        partners: 0,
        cooperations: 0,
        actionDayEvents: 0,
        empty: true,
      });
    });
  });

  describe('inactivePartners', () => {
    const since = '2022-06-12';
    const future = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

    beforeAll(async () => {
      await createTestEvents(app, [
        { id: `${PREFIX}meeting`, kind: 'ALLIANCE_MEETING', date: future(30) },
        { id: `${PREFIX}training`, kind: 'TRAINING', date: future(10) },
        { id: `${PREFIX}action-days`, kind: 'ACTION_DAYS', date: future(20) },
      ]);
    });

    async function page(variables: Record<string, unknown>) {
      return (
        await data<{ inactivePartners: Connection<InactiveNode> }>(INACTIVE, {
          since,
          suggestions: 2,
          ...variables,
        })
      ).inactivePartners;
    }

    it('should find exactly the members without cooperation or attendance since the date', async () => {
      const expected = await count(
        `MATCH (p:Partner) WHERE p.status IN $m
  AND NOT EXISTS { MATCH (p)-[:PARTICIPATES_IN]->(c:Cooperation)
    WHERE c.status IN ['ACTIVE', 'ENDED'] AND coalesce(c.endedOn, date('9999-12-31')) >= date($since) }
  AND NOT EXISTS { MATCH (p)-[:ATTENDED]->(e:Event) WHERE e.date >= date($since) }
RETURN count(p) AS n`,
        { m: MEMBERS, since },
      );
      const first = (
        await data<{ inactivePartners: Connection<InactiveNode> }>(INACTIVE_PLAIN, {
          since,
          first: 100,
        })
      ).inactivePartners;
      expect(first.totalCount).toBe(expected);
      expect(expected).toBeGreaterThan(100);
      for (const { node } of first.edges) {
        expect(MEMBERS).toContain(node.partner.status);
        expect(node.neverActive).toBe(node.lastActivityOn === null);
        if (node.lastActivityOn !== null) expect(node.lastActivityOn < since).toBe(true);
      }
      const joined = first.edges.map((e) => e.node.partner.joinedOn);
      expect(joined).toEqual([...joined].sort());
    });

    it('should page through with cursors, each partner once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total: number;
      do {
        const result: Connection<InactiveNode> = (
          await data<{ inactivePartners: Connection<InactiveNode> }>(INACTIVE_PLAIN, {
            since,
            first: 100,
            after,
          })
        ).inactivePartners;
        total = result.totalCount;
        seen.push(...result.edges.map((e) => e.node.partner.id));
        after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      } while (after !== null);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    });

    it('should offer the next meetings and trainings, soonest first, never action days', async () => {
      const { edges } = await page({ first: 1 });
      expect(edges[0]?.node.upcomingEvents.map((e) => e.id)).toEqual([
        `${PREFIX}training`,
        `${PREFIX}meeting`,
      ]);
    });

    it('should suggest partners for active members, and none for paused ones', async () => {
      const { edges } = await page({ first: 40 });
      const active = edges.filter((e) => e.node.partner.status === 'ACTIVE');
      const paused = edges.filter((e) => e.node.partner.status === 'PAUSED');
      expect(active.length).toBeGreaterThan(0);
      expect(active.every((e) => e.node.suggestedPartners.length === 2)).toBe(true);
      expect(paused.every((e) => e.node.suggestedPartners.length === 0)).toBe(true);
      const own = active[0]?.node;
      expect(own?.suggestedPartners.map((s) => s.partner.id)).not.toContain(own?.partner.id);
    });

    it('should batch the suggestions: a page of 40 costs as many round trips as a page of 4', async () => {
      const statements = async (first: number) => {
        let n = 0;
        const stop = app.database.executor.observe(() => (n += 1));
        try {
          await page({ first, suggestions: 3 });
        } finally {
          stop();
        }
        return n;
      };
      await statements(4); // warms the matching's label cache
      const small = await statements(4);
      const large = await statements(40);
      expect(large).toBe(small);
      expect(large).toBeLessThanOrEqual(8);
    });

    it('should refuse a cursor of another date and a malformed date', async () => {
      const { pageInfo } = await page({ first: 2 });
      const other = await gql(INACTIVE, {
        since: '2021-01-01',
        first: 2,
        after: pageInfo.endCursor,
        suggestions: 1,
      });
      expect(codeOf(other)).toBe('BAD_USER_INPUT');
      const malformed = await gql(INACTIVE, { since: '2022-13-01', suggestions: 1 });
      expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
    });
  });

  describe('audience', () => {
    const baseUrl = () => app.server.url.replace(/\/graphql$/, '');
    const csvUrl = (query: string) => `${baseUrl()}/export/audience.csv${query ? `?${query}` : ''}`;

    async function audience(filter: Record<string, unknown>, first = 100, after?: string) {
      return (
        await data<{ audience: Connection<Record<string, string | null>> }>(AUDIENCE, {
          filter,
          first,
          after,
        })
      ).audience;
    }

    beforeAll(async () => {
      // A partner whose name needs quoting and whose contact name looks like a formula.
      await cypher(
        `CREATE (p:Partner {id: $id, name: 'T-Agg "Brücke", Verein', sector: 'CIVIL_SOCIETY',
  kind: 'ASSOCIATION', status: 'ACTIVE', joinedOn: date('2020-01-01'), lastActiveOn: date('2020-01-01'),
  cooperationCount: 0, version: 1, contactName: '=HYPERLINK("http://evil.example","Klick")',
  contactEmail: 'kontakt@t-agg.example.org'})
WITH p MATCH (d:District {key: 'jungbusch'}), (t:Topic {key: 'culture'}), (r:Dimension {key: 'religion'})
CREATE (p)-[:LOCATED_IN]->(d), (p)-[:ACTIVE_IN]->(t), (p)-[:ENGAGES_IN {perspective: 'COMMUNITY'}]->(r)`,
        { id: `${PREFIX}partner` },
      );
    });

    it('should invite all ACTIVE partners without a filter, with their contact e-mail', async () => {
      const all = await audience({});
      expect(all.totalCount).toBe(
        await count("MATCH (p:Partner {status: 'ACTIVE'}) RETURN count(p) AS n"),
      );
      expect(all.edges.every((e) => e.node.status === 'ACTIVE')).toBe(true);
      expect(all.edges.every((e) => typeof e.node.contactEmail === 'string')).toBe(true);
    });

    it('should narrow with every condition added', async () => {
      const religion = await audience({ dimensions: ['religion'] });
      expect(religion.totalCount).toBe(
        await count(`MATCH (p:Partner {status: 'ACTIVE'})
WHERE EXISTS { (p)-[:ENGAGES_IN]->(:Dimension {key: 'religion'}) } RETURN count(p) AS n`),
      );
      const either = await audience({ dimensions: ['religion', 'age'] });
      expect(either.totalCount).toBeGreaterThan(religion.totalCount);
      const narrow = await audience({
        dimensions: ['religion'],
        topics: ['culture'],
        districts: ['jungbusch'],
      });
      expect(narrow.totalCount).toBeLessThan(religion.totalCount);
      expect(narrow.edges.map((e) => e.node.id)).toContain(`${PREFIX}partner`);
    });

    it('should split the partners into active and inactive since a date', async () => {
      const all = await audience({});
      const active = await audience({ activeSince: '2022-01-01' });
      const inactive = await audience({ inactiveSince: '2022-01-01' });
      expect(active.totalCount).toBeGreaterThan(0);
      expect(inactive.totalCount).toBeGreaterThan(0);
      expect(active.totalCount + inactive.totalCount).toBe(all.totalCount);
    });

    it('should refuse malformed keys with BAD_USER_INPUT', async () => {
      const body = await gql(AUDIENCE, { filter: { topics: ['Kultur!'] } });
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
    });

    it('should export the same partners as CSV, quoted and with formulas neutralised', async () => {
      const filter = 'dimensions=religion&topics=culture,youth&districts=jungbusch,innenstadt';
      const response = await fetch(csvUrl(filter), { headers: coordinator });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      const text = await response.text();
      expect(text.split('\r\n').length).toBeGreaterThan(2);
      const [header, ...rows] = parse(text, { bom: true }) as string[][];
      expect(header).toEqual([
        'id',
        'name',
        'sector',
        'kind',
        'status',
        'scope',
        'district',
        'borough',
        'dimensions',
        'contactName',
        'contactEmail',
        'cooperationCount',
        'joinedOn',
        'lastActivityOn',
      ]);
      const listed = await audience({
        dimensions: ['religion'],
        topics: ['culture', 'youth'],
        districts: ['jungbusch', 'innenstadt'],
      });
      expect(rows.map((row) => row[0])).toEqual(listed.edges.map((e) => e.node.id));
      expect(response.headers.get('x-row-count')).toBe(String(listed.totalCount));
      const own = rows.find((row) => row[0] === `${PREFIX}partner`);
      expect(own).toEqual([
        `${PREFIX}partner`,
        'T-Agg "Brücke", Verein',
        'CIVIL_SOCIETY',
        'ASSOCIATION',
        'ACTIVE',
        'NEIGHBOURHOOD',
        'Jungbusch',
        expect.any(String),
        'religion:COMMUNITY',
        '\'=HYPERLINK("http://evil.example","Klick")',
        'kontakt@t-agg.example.org',
        '0',
        '2020-01-01',
        // Never active: joining is not activity (docs/analytics.md).
        '',
      ]);
      expect(text).toContain('"T-Agg ""Brücke"", Verein"');
    });

    it('should refuse the CSV without a coordinator token: 401 without or with a bad token, 403 for a partner', async () => {
      const none = await fetch(csvUrl('dimensions=religion'));
      expect(none.status).toBe(401);
      expect(((await none.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      const bad = await fetch(csvUrl(''), { headers: { authorization: 'Bearer not-a-token' } });
      expect(bad.status).toBe(401);
      const partnerResponse = await fetch(csvUrl(''), { headers: partner });
      expect(partnerResponse.status).toBe(403);
      const body = (await partnerResponse.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain('@');
    });

    it('should export for German Excel with format=excel-de: semicolons, German headers, formulas neutralised', async () => {
      const filter = 'dimensions=religion&districts=jungbusch&format=excel-de';
      const response = await fetch(csvUrl(filter), { headers: coordinator });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('zielgruppe.csv');
      const text = await response.text();
      const [header, ...rows] = parse(text, { bom: true, delimiter: ';' }) as string[][];
      expect(header?.slice(0, 3)).toEqual(['ID', 'Name', 'Sektor']);
      const own = rows.find((row) => row[0] === `${PREFIX}partner`);
      expect(own?.slice(1, 3)).toEqual(['T-Agg "Brücke", Verein', 'Zivilgesellschaft']);
      expect(own?.[9]).toBe('\'=HYPERLINK("http://evil.example","Klick")');
    });

    it('should answer 400 with BAD_USER_INPUT for bad parameters', async () => {
      for (const query of [
        'format=xlsx',
        'sectors=CHURCH',
        'limit=3',
        'inactiveSince=2022-02-30',
        'topics=Kultur!',
      ]) {
        const response = await fetch(csvUrl(query), { headers: coordinator });
        expect(response.status).toBe(400);
        const body = (await response.json()) as GraphQLResponse;
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });
  });
});
