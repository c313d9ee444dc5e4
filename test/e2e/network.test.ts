import { parse } from 'csv-parse/sync';
import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { BUMP_DATA_VERSION } from '../../src/db/write-unit';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth } from '../support/tokens';
import { GEXF_NS, GRAPHML_NS, parseXml } from '../support/xml';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-net-';

const NETWORK = `query($mode: NetworkMode!, $filter: NetworkFilter) {
  network(mode: $mode, filter: $filter) {
    mode dataVersion
    nodes { id label kind sector partnerKind cooperationKind size degree weightedDegree betweenness community x y
      districtKey districtName borough boroughKey status scope dimensions { key perspective } }
    edges { id source target weight kinds firstYear lastYear }
    metrics { nodes edges density components averageClustering modularity communities
      betweennessExact betweennessSources layoutIterations }
  } }`;

const CREATE = `mutation($input: CreateCooperationInput!) { createCooperation(input: $input) { id } }`;
const RECORD_EVENT = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }`;

/** What `partner(id)` says about a partner, for the nodes' attributes to be compared with. */
const PARTNER = `query($id: ID!) { partner(id: $id) {
  id sector kind status scope
  district { key name borough boroughKey }
  dimensions { dimension { key } perspective } } }`;

interface PartnerView {
  id: string;
  sector: string;
  kind: string;
  status: string;
  scope: string;
  district: { key: string; name: string; borough: string; boroughKey: string } | null;
  dimensions: { dimension: { key: string }; perspective: string }[];
}

interface NetworkNode {
  id: string;
  kind: string;
  sector: string | null;
  partnerKind: string | null;
  districtKey: string | null;
  districtName: string | null;
  borough: string | null;
  boroughKey: string | null;
  status: string | null;
  scope: string | null;
  dimensions: { key: string; perspective: string }[] | null;
  degree: number;
  community: number;
  x: number;
  y: number;
}
interface NetworkEdge {
  id: string;
  source: string;
  target: string;
  weight: number;
  kinds: string[];
  firstYear: number | null;
  lastYear: number | null;
}
interface Network {
  mode: string;
  dataVersion: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  metrics: Record<string, number | boolean>;
}

describe('network', () => {
  let app: App;
  let coordinator: Record<string, string>;
  const created: string[] = [];

  const cypher = <T = Record<string, unknown>>(
    query: string,
    params: Record<string, unknown> = {},
  ) => app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  async function network(mode = 'PARTNERS', filter?: Record<string, unknown>): Promise<Network> {
    const { body } = await postGraphQL<{ network: Network }>(app, NETWORK, { mode, filter });
    expect(body.errors).toBeUndefined();
    return body.data?.network as Network;
  }

  const exportUrl = (file: string, query = '') =>
    `${app.server.url.replace(/\/graphql$/, '')}/export/${file}${query ? `?${query}` : ''}`;

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    // Two partners of their own, created before the app's first network, so its cache is fresh.
    await cypher(
      `UNWIND $ids AS id
CREATE (p:Partner {id: id, name: 'T-Net ' + id, sector: 'BUSINESS', kind: 'COMPANY', status: 'ACTIVE',
  joinedOn: date('2020-01-01'), lastActiveOn: date('2020-01-01'), cooperationCount: 0, version: 1,
  contactEmail: id + '@private.example'})
WITH p MATCH (d:Dimension) WHERE d.key IN ['age', 'religion']
CREATE (p)-[:ENGAGES_IN {perspective: 'COMMUNITY'}]->(d)`,
      { ids: [`${PREFIX}a`, `${PREFIX}b`] },
    );
  });

  afterAll(async () => {
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x IN $ids OR x STARTS WITH $prefix) DELETE a`,
      { ids: created, prefix: PREFIX },
    );
    await cypher(
      `MATCH (n) WHERE (n:Cooperation OR n:Event OR n:Partner) AND (n.id IN $ids OR n.id STARTS WITH $prefix)
DETACH DELETE n`,
      { ids: created, prefix: PREFIX },
    );
    // A writer bumps the data version: the clean-up is a change too.
    await app.database.executor.write(BUMP_DATA_VERSION, () => null);
    await app.stop();
  });

  describe('network(PARTNERS) on the demo', () => {
    let result: Network;
    beforeAll(async () => {
      result = await network('PARTNERS');
    });

    it('should have at least 300 partners with finite positions and a community each', () => {
      expect(result.nodes.length).toBeGreaterThanOrEqual(300);
      for (const node of result.nodes) {
        expect(node.kind).toBe('PARTNER');
        expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
        expect(Number.isInteger(node.community) && node.community >= 0).toBe(true);
      }
    });

    it('should only have edges between existing nodes, and matching metrics', () => {
      const ids = new Set(result.nodes.map((n) => n.id));
      for (const edge of result.edges) {
        expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
        expect(edge.weight).toBeGreaterThanOrEqual(1);
        expect(edge.kinds.length).toBeGreaterThan(0);
      }
      expect(result.edges.length).toBeGreaterThan(0);
      expect(result.metrics).toMatchObject({
        nodes: result.nodes.length,
        edges: result.edges.length,
        betweennessExact: true,
      });
      const degrees = result.nodes.reduce((sum, n) => sum + n.degree, 0);
      expect(degrees).toBe(2 * result.edges.length);
    });

    it('should give equal results for two calls', async () => {
      expect(await network('PARTNERS')).toEqual(result);
    });

    it('should give equal results after recomputing at a new data version', async () => {
      // An event changes the data version but not the partner network.
      const { body } = await postGraphQL<{ recordEvent: { id: string } }>(
        app,
        RECORD_EVENT,
        { input: { kind: 'TRAINING', title: 'T-Net Schulung', date: '2024-05-05' } },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      created.push(body.data?.recordEvent.id as string);
      const again = await network('PARTNERS');
      expect(again.dataVersion).toBeGreaterThan(result.dataVersion);
      expect({ ...again, dataVersion: 0 }).toEqual({ ...result, dataVersion: 0 });
    });

    it('should answer concurrent identical requests alike', async () => {
      const filter = { sectors: ['POLITICS'], minWeight: 1 };
      const results = await Promise.all([1, 2, 3].map(() => network('PARTNERS', filter)));
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    });

    it('should never carry private contact data', async () => {
      const { body } = await postGraphQL(app, NETWORK, { mode: 'PARTNERS' });
      expect(JSON.stringify(body)).not.toContain('@private.example');
    });
  });

  describe('node attributes', () => {
    const partnerView = async (id: string) => {
      const { body } = await postGraphQL<{ partner: PartnerView }>(app, PARTNER, { id });
      expect(body.errors).toBeUndefined();
      return body.data?.partner as PartnerView;
    };

    /** The attributes a node should carry, from the partner as `partner(id)` reads it. */
    const expected = (p: PartnerView) => ({
      id: p.id,
      sector: p.sector,
      partnerKind: p.kind,
      status: p.status,
      scope: p.scope,
      districtKey: p.district?.key ?? null,
      districtName: p.district?.name ?? null,
      borough: p.district?.borough ?? null,
      boroughKey: p.district?.boroughKey ?? null,
      dimensions: p.dimensions
        .map((d) => ({ key: d.dimension.key, perspective: d.perspective }))
        .sort((x, y) =>
          x.key === y.key ? x.perspective.localeCompare(y.perspective) : x.key < y.key ? -1 : 1,
        ),
    });

    it('should give partner nodes the district, borough, status, scope and dimensions of partner(id)', async () => {
      const { nodes } = await network('PARTNERS', { statuses: ['ACTIVE', 'PAUSED'] });
      // The demo's partners spread over districts, statuses and scopes: a sample of every tenth
      // node, plus one PAUSED and one CITY-wide partner when there are any.
      const sample = nodes.filter((_n, i) => i % 10 === 0);
      sample.push(...nodes.filter((n) => n.status === 'PAUSED').slice(0, 1));
      sample.push(...nodes.filter((n) => n.scope === 'CITY').slice(0, 1));
      expect(sample.length).toBeGreaterThan(30);
      for (const node of sample) {
        expect(node).toMatchObject(expected(await partnerView(node.id)));
      }
      expect(nodes.some((n) => n.districtKey !== null && n.borough !== null)).toBe(true);
      expect(nodes.some((n) => (n.dimensions ?? []).length > 1)).toBe(true);
    });

    it('should give a partner without district nulls, its default scope and its engagements', async () => {
      const { nodes } = await network('PARTNERS', { sectors: ['BUSINESS'] });
      const own = nodes.find((n) => n.id === `${PREFIX}a`);
      expect(own).toMatchObject({
        districtKey: null,
        districtName: null,
        borough: null,
        boroughKey: null,
        status: 'ACTIVE',
        scope: 'NEIGHBOURHOOD',
        dimensions: [
          { key: 'age', perspective: 'COMMUNITY' },
          { key: 'religion', perspective: 'COMMUNITY' },
        ],
      });
      expect(own).toMatchObject(expected(await partnerView(`${PREFIX}a`)));
    });

    it('should leave cooperation and dimension nodes without partner attributes', async () => {
      const bipartite = await network('BIPARTITE');
      const dimensions = await network('DIMENSIONS');
      const others = [
        ...bipartite.nodes.filter((n) => n.kind === 'COOPERATION'),
        ...dimensions.nodes,
      ];
      expect(others.length).toBeGreaterThan(0);
      for (const node of others) {
        expect(node).toMatchObject({
          districtKey: null,
          borough: null,
          status: null,
          scope: null,
          dimensions: null,
        });
      }
      const partners = bipartite.nodes.filter((n) => n.kind === 'PARTNER');
      expect(partners.every((n) => n.status !== null && Array.isArray(n.dimensions))).toBe(true);
    });
  });

  describe('filters', () => {
    it('should give only partners of the sector asked for', async () => {
      const result = await network('PARTNERS', { sectors: ['BUSINESS'] });
      expect(result.nodes.length).toBeGreaterThan(0);
      expect(new Set(result.nodes.map((n) => n.sector))).toEqual(new Set(['BUSINESS']));
    });

    it('should leave out edges lighter than the minimum weight and keep the nodes', async () => {
      const all = await network('PARTNERS');
      const heavy = await network('PARTNERS', { minWeight: 2 });
      expect(heavy.nodes.length).toBe(all.nodes.length);
      expect(heavy.edges.every((e) => e.weight >= 2)).toBe(true);
      expect(heavy.edges.map((e) => e.id).sort()).toEqual(
        all.edges
          .filter((e) => e.weight >= 2)
          .map((e) => e.id)
          .sort(),
      );
      expect(heavy.edges.length).toBeLessThan(all.edges.length);
    });

    it('should count only cooperations of the time window', async () => {
      const window = await network('PARTNERS', { from: '2019-01-01', to: '2019-12-31' });
      expect(window.edges.length).toBeGreaterThan(0);
      for (const edge of window.edges)
        expect([edge.firstYear, edge.lastYear]).toEqual([2019, 2019]);
    });

    it('should link dimensions in DIMENSIONS mode, labelled in the request language', async () => {
      const { body } = await postGraphQL<{ network: Network & { nodes: { label: string }[] } }>(
        app,
        `{ network(mode: DIMENSIONS, filter: {dimensions: ["age", "gender"]}) { nodes { id kind label } edges { source target weight } } }`,
        undefined,
        { 'accept-language': 'en' },
      );
      const result = body.data?.network;
      expect(result?.nodes.map((n) => [n.id, n.kind])).toEqual([
        ['age', 'DIMENSION'],
        ['gender', 'DIMENSION'],
      ]);
      expect(result?.nodes[0]?.label).toBe('Age');
      expect(result?.edges).toHaveLength(1);
    });

    it('should link partners only to cooperations in BIPARTITE mode', async () => {
      const result = await network('BIPARTITE');
      const kinds = new Map(result.nodes.map((n) => [n.id, n.kind]));
      expect(new Set(kinds.values())).toEqual(new Set(['PARTNER', 'COOPERATION']));
      for (const edge of result.edges) {
        expect([kinds.get(edge.source), kinds.get(edge.target)]).toEqual([
          'PARTNER',
          'COOPERATION',
        ]);
      }
    });

    it('should refuse a window that ends before it starts with BAD_USER_INPUT', async () => {
      const { body } = await postGraphQL(app, NETWORK, {
        mode: 'PARTNERS',
        filter: { from: '2020-01-01', to: '2019-01-01' },
      });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('cache invalidation', () => {
    it('should show a cooperation created through the API in the next network', async () => {
      const [a, b] = [`${PREFIX}a`, `${PREFIX}b`];
      const before = await network('PARTNERS', { sectors: ['BUSINESS'] });
      expect(before.nodes.find((n) => n.id === a)?.degree).toBe(0);
      expect(before.edges.find((e) => e.id === `${a}--${b}`)).toBeUndefined();

      const { body } = await postGraphQL<{ createCooperation: { id: string } }>(
        app,
        CREATE,
        {
          input: {
            title: 'T-Net Projekt',
            kind: 'NETWORK_PROJECT',
            startedOn: '2024-03-01',
            leadPartnerId: a,
            partnerIds: [b],
            dimensionKeys: ['age', 'religion'],
          },
        },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      created.push(body.data?.createCooperation.id as string);

      const after = await network('PARTNERS', { sectors: ['BUSINESS'] });
      expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
      expect(after.nodes.find((n) => n.id === a)?.degree).toBe(1);
      expect(after.edges.find((e) => e.id === `${a}--${b}`)).toMatchObject({
        weight: 1,
        kinds: ['NETWORK_PROJECT'],
      });
    });
  });

  describe('exports', () => {
    it('should export GEXF 1.3 with as many nodes and edges as the query', async () => {
      const graph = await network('PARTNERS', { sectors: ['CIVIL_SOCIETY'] });
      const response = await fetch(exportUrl('network.gexf', 'sectors=CIVIL_SOCIETY'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/gexf+xml');
      const document = parseXml(await response.text());
      expect(document.documentElement?.getAttribute('version')).toBe('1.3');
      expect(document.getElementsByTagNameNS(GEXF_NS, 'node').length).toBe(graph.nodes.length);
      expect(document.getElementsByTagNameNS(GEXF_NS, 'edge').length).toBe(graph.edges.length);
      const position = document.getElementsByTagNameNS('http://gexf.net/1.3/viz', 'position');
      expect(position.length).toBe(graph.nodes.length);
    });

    it('should export GraphML with as many nodes and edges as the query', async () => {
      const graph = await network('BIPARTITE', { minWeight: 1 });
      const response = await fetch(exportUrl('network.graphml', 'mode=BIPARTITE&minWeight=1'));
      expect(response.status).toBe(200);
      const document = parseXml(await response.text());
      expect(document.getElementsByTagNameNS(GRAPHML_NS, 'node').length).toBe(graph.nodes.length);
      expect(document.getElementsByTagNameNS(GRAPHML_NS, 'edge').length).toBe(graph.edges.length);
      expect(document.getElementsByTagNameNS(GRAPHML_NS, 'key').length).toBeGreaterThan(0);
    });

    it('should export Cytoscape.js elements with positions', async () => {
      const graph = await network('PARTNERS');
      const response = await fetch(exportUrl('network.json'));
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        elements: {
          nodes: { data: { id: string }; position: { x: number; y: number } }[];
          edges: { data: { id: string; source: string; target: string } }[];
        };
      };
      expect(body.elements.nodes).toHaveLength(graph.nodes.length);
      expect(body.elements.edges).toHaveLength(graph.edges.length);
      expect(body.elements.nodes[0]).toEqual({
        data: expect.objectContaining({ id: graph.nodes[0]?.id }),
        position: { x: graph.nodes[0]?.x, y: graph.nodes[0]?.y },
      });
      // The node attributes of the query, the same in the export.
      const byId = new Map(body.elements.nodes.map((n) => [n.data.id, n.data]));
      for (const node of graph.nodes) {
        const { x: _x, y: _y, ...attributes } = node;
        expect(byId.get(node.id)).toMatchObject(attributes);
      }
    });

    it('should carry the node attributes in GEXF and GraphML', async () => {
      const graph = await network('PARTNERS');
      const withDistrict = graph.nodes.find(
        (n) => n.districtKey !== null && (n.dimensions ?? []).length > 0,
      ) as NetworkNode;
      const gexf = parseXml(await (await fetch(exportUrl('network.gexf'))).text());
      const titles = new Map(
        Array.from(gexf.getElementsByTagNameNS(GEXF_NS, 'attribute')).map((a) => [
          a.getAttribute('id'),
          a.getAttribute('title'),
        ]),
      );
      const gexfNode = Array.from(gexf.getElementsByTagNameNS(GEXF_NS, 'node')).find(
        (n) => n.getAttribute('id') === withDistrict.id,
      );
      const gexfValues = Object.fromEntries(
        Array.from(gexfNode?.getElementsByTagNameNS(GEXF_NS, 'attvalue') ?? []).map((v) => [
          titles.get(v.getAttribute('for')),
          v.getAttribute('value'),
        ]),
      );
      const attributes = {
        districtKey: withDistrict.districtKey,
        districtName: withDistrict.districtName,
        borough: withDistrict.borough,
        boroughKey: withDistrict.boroughKey,
        status: withDistrict.status,
        scope: withDistrict.scope,
        dimensions: (withDistrict.dimensions ?? [])
          .map((d) => `${d.key}:${d.perspective}`)
          .join(','),
      };
      expect(gexfValues).toMatchObject(attributes);
      const graphml = parseXml(await (await fetch(exportUrl('network.graphml'))).text());
      const graphmlNode = Array.from(graphml.getElementsByTagNameNS(GRAPHML_NS, 'node')).find(
        (n) => n.getAttribute('id') === withDistrict.id,
      );
      const graphmlValues = Object.fromEntries(
        Array.from(graphmlNode?.getElementsByTagNameNS(GRAPHML_NS, 'data') ?? []).map((d) => [
          (d.getAttribute('key') ?? '').replace(/^n_/, ''),
          d.textContent,
        ]),
      );
      expect(graphmlValues).toMatchObject(attributes);
    });

    it('should export the nodes as CSV, and for German Excel with format=excel-de', async () => {
      const graph = await network('PARTNERS', { sectors: ['BUSINESS'] });
      const plain = await fetch(exportUrl('network.csv', 'sectors=BUSINESS'));
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      const [header, ...rows] = parse(await plain.text(), { bom: true }) as string[][];
      expect(rows.map((row) => row[0])).toEqual(graph.nodes.map((n) => n.id));
      const own = graph.nodes.find((n) => n.id === `${PREFIX}a`) as NetworkNode;
      const ownRow = rows.find((row) => row[0] === own.id) ?? [];
      const cell = (name: string) => ownRow[header?.indexOf(name) ?? -1];
      expect([cell('status'), cell('scope'), cell('dimensions')]).toEqual([
        'ACTIVE',
        'NEIGHBOURHOOD',
        'age:COMMUNITY,religion:COMMUNITY',
      ]);
      const german = await fetch(exportUrl('network.csv', 'sectors=BUSINESS&format=excel-de'));
      expect(german.status).toBe(200);
      expect(german.headers.get('content-disposition')).toContain('netzwerk.csv');
      const bytes = Buffer.from(await german.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [deHeader, ...deRows] = parse(bytes, { bom: true, delimiter: ';' }) as string[][];
      expect(deHeader?.slice(0, 4)).toEqual(['ID', 'Bezeichnung', 'Knotenart', 'Sektor']);
      expect(deRows).toHaveLength(rows.length);
      for (const row of deRows) expect(row).toHaveLength(deHeader?.length ?? 0);
      expect(deRows.every((row) => row[3] === 'Wirtschaft')).toBe(true);
      const bad = await fetch(exportUrl('network.csv', 'format=xlsx'));
      expect(bad.status).toBe(400);
      const gexfWithFormat = await fetch(exportUrl('network.gexf', 'format=excel-de'));
      expect(gexfWithFormat.status).toBe(400);
    });

    it.each([
      ['mode=EVERYTHING', 'mode'],
      ['sectors=SPACE', 'sectors'],
      ['minWeight=-1', 'minWeight'],
      ['from=2020-13-01', 'filter.from'],
      ['colour=red', 'colour'],
    ])('should refuse %s with 400 and BAD_USER_INPUT', async (query, where) => {
      const response = await fetch(exportUrl('network.gexf', query));
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        errors: { extensions: { code: string; parameter?: string; field?: string } }[];
      };
      const extensions = body.errors[0]?.extensions;
      expect(extensions?.code).toBe('BAD_USER_INPUT');
      expect(extensions?.parameter ?? extensions?.field).toBe(where);
    });
  });
});
