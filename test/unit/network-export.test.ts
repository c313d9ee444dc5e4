import {
  communityColor,
  escapeXml,
  serialiseNetwork,
  toCytoscape,
} from '../../src/network/network.export';
import type { NetworkData } from '../../src/network/network.model';
import { parse } from 'csv-parse/sync';
import { GEXF_NS, GRAPHML_NS, parseXml } from '../support/xml';

const VIZ_NS = 'http://gexf.net/1.3/viz';

/** Two nodes whose texts need escaping, and one edge. */
const NETWORK: NetworkData = {
  nodes: [
    {
      id: 'p<1>',
      label: 'Kunst & "Kultur" <e.V.> \'Mannheim\'\u0001',
      kind: 'PARTNER',
      sector: 'CIVIL_SOCIETY',
      partnerKind: 'CULTURE',
      cooperationKind: null,
      districtKey: 'jungbusch',
      districtName: 'Jungbusch',
      borough: 'Innenstadt/Jungbusch',
      boroughKey: 'innenstadt-jungbusch',
      status: 'ACTIVE',
      scope: 'NEIGHBOURHOOD',
      dimensions: [
        { key: 'age', perspective: 'SERVICE' },
        { key: 'religion', perspective: 'COMMUNITY' },
      ],
      size: 3,
      degree: 1,
      weightedDegree: 2,
      betweenness: 0.25,
      community: 0,
      x: 1.5,
      y: -2.25,
    },
    {
      id: 'p2',
      label: 'Zwei',
      kind: 'PARTNER',
      sector: 'BUSINESS',
      partnerKind: 'COMPANY',
      cooperationKind: null,
      districtKey: null,
      districtName: null,
      borough: null,
      boroughKey: null,
      status: 'PAUSED',
      scope: 'CITY',
      dimensions: [],
      size: 1,
      degree: 1,
      weightedDegree: 2,
      betweenness: 0,
      community: 1,
      x: 0,
      y: 4,
    },
  ],
  edges: [
    {
      id: 'p<1>--p2',
      source: 'p<1>',
      target: 'p2',
      weight: 2,
      kinds: ['ACTION_DAY_EVENT', 'DIVERSITY_COOPERATION'],
      firstYear: 2019,
      lastYear: null,
    },
  ],
  metrics: {
    nodes: 2,
    edges: 1,
    density: 1,
    components: 1,
    averageClustering: 0,
    modularity: 0,
    communities: 2,
    betweennessExact: true,
    betweennessSources: 2,
    layoutIterations: 60,
  },
};
const META = { mode: 'PARTNERS', dataVersion: 7 };

describe('XML escaping', () => {
  it('should escape the five special characters and drop forbidden control characters', () => {
    expect(escapeXml(`a&b<c>d"e'f\u0001g\u0008h\ti`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;fgh\ti');
  });
});

describe('GraphML export', () => {
  const xml = serialiseNetwork(NETWORK, 'graphml', META);
  const document = parseXml(xml);

  it('should declare every attribute as a typed key before the graph', () => {
    const keys = Array.from(document.getElementsByTagNameNS(GRAPHML_NS, 'key')).map((key) => [
      key.getAttribute('for'),
      key.getAttribute('attr.name'),
      key.getAttribute('attr.type'),
    ]);
    expect(keys).toEqual(
      expect.arrayContaining([
        ['node', 'label', 'string'],
        ['node', 'degree', 'int'],
        ['node', 'betweenness', 'double'],
        ['node', 'community', 'int'],
        ['node', 'x', 'double'],
        ['edge', 'weight', 'double'],
        ['edge', 'kinds', 'string'],
        ['edge', 'firstYear', 'int'],
      ]),
    );
    const used = new Set(
      Array.from(document.getElementsByTagNameNS(GRAPHML_NS, 'data')).map((d) =>
        d.getAttribute('key'),
      ),
    );
    const declared = new Set(
      Array.from(document.getElementsByTagNameNS(GRAPHML_NS, 'key')).map((k) =>
        k.getAttribute('id'),
      ),
    );
    expect([...used].filter((key) => !declared.has(key))).toEqual([]);
  });

  it('should keep ids and labels intact through escaping', () => {
    const nodes = Array.from(document.getElementsByTagNameNS(GRAPHML_NS, 'node'));
    expect(nodes.map((n) => n.getAttribute('id'))).toEqual(['p<1>', 'p2']);
    const label = Array.from(nodes[0]?.getElementsByTagNameNS(GRAPHML_NS, 'data') ?? []).find(
      (d) => d.getAttribute('key') === 'n_label',
    );
    expect(label?.textContent).toBe('Kunst & "Kultur" <e.V.> \'Mannheim\'');
    const edge = document.getElementsByTagNameNS(GRAPHML_NS, 'edge')[0];
    expect([edge?.getAttribute('source'), edge?.getAttribute('target')]).toEqual(['p<1>', 'p2']);
  });

  it('should carry the partner attributes, engagements as key:PERSPECTIVE', () => {
    const node = document.getElementsByTagNameNS(GRAPHML_NS, 'node')[0];
    const data = Object.fromEntries(
      Array.from(node?.getElementsByTagNameNS(GRAPHML_NS, 'data') ?? []).map((d) => [
        d.getAttribute('key'),
        d.textContent,
      ]),
    );
    expect(data).toMatchObject({
      n_districtKey: 'jungbusch',
      n_districtName: 'Jungbusch',
      n_borough: 'Innenstadt/Jungbusch',
      n_boroughKey: 'innenstadt-jungbusch',
      n_status: 'ACTIVE',
      n_scope: 'NEIGHBOURHOOD',
      n_dimensions: 'age:SERVICE,religion:COMMUNITY',
    });
  });

  it('should leave out null values and declare an undirected graph', () => {
    expect(xml).not.toContain('e_lastYear">');
    expect(
      document.getElementsByTagNameNS(GRAPHML_NS, 'graph')[0]?.getAttribute('edgedefault'),
    ).toBe('undirected');
  });
});

describe('GEXF export', () => {
  const document = parseXml(serialiseNetwork(NETWORK, 'gexf', META));

  it('should be GEXF 1.3 with its namespaces', () => {
    const root = document.documentElement;
    expect(root?.namespaceURI).toBe(GEXF_NS);
    expect(root?.getAttribute('version')).toBe('1.3');
  });

  it('should give every node a viz position and its community colour', () => {
    const nodes = Array.from(document.getElementsByTagNameNS(GEXF_NS, 'node'));
    expect(nodes).toHaveLength(2);
    const position = nodes[1]?.getElementsByTagNameNS(VIZ_NS, 'position')[0];
    expect([position?.getAttribute('x'), position?.getAttribute('y')]).toEqual(['0', '4']);
    const color = nodes[1]?.getElementsByTagNameNS(VIZ_NS, 'color')[0];
    expect(
      `rgb(${color?.getAttribute('r')},${color?.getAttribute('g')},${color?.getAttribute('b')})`,
    ).toBe(communityColor(1));
    expect(nodes[0]?.getAttribute('label')).toBe('Kunst & "Kultur" <e.V.> \'Mannheim\'');
  });

  it('should carry the partner attributes as declared node attributes', () => {
    const titles = new Map(
      Array.from(document.getElementsByTagNameNS(GEXF_NS, 'attribute')).map((a) => [
        a.getAttribute('id'),
        a.getAttribute('title'),
      ]),
    );
    const values = (index: number) =>
      Object.fromEntries(
        Array.from(
          document
            .getElementsByTagNameNS(GEXF_NS, 'node')
            [index]?.getElementsByTagNameNS(GEXF_NS, 'attvalue') ?? [],
        ).map((v) => [titles.get(v.getAttribute('for')), v.getAttribute('value')]),
      );
    expect(values(0)).toMatchObject({
      districtKey: 'jungbusch',
      districtName: 'Jungbusch',
      borough: 'Innenstadt/Jungbusch',
      boroughKey: 'innenstadt-jungbusch',
      status: 'ACTIVE',
      scope: 'NEIGHBOURHOOD',
      dimensions: 'age:SERVICE,religion:COMMUNITY',
    });
    expect(values(1)).toMatchObject({ status: 'PAUSED', scope: 'CITY' });
  });

  it('should have the edge with its weight', () => {
    const edges = Array.from(document.getElementsByTagNameNS(GEXF_NS, 'edge'));
    expect(edges.map((e) => [e.getAttribute('source'), e.getAttribute('target')])).toEqual([
      ['p<1>', 'p2'],
    ]);
    expect(edges[0]?.getAttribute('weight')).toBe('2');
  });
});

describe('Cytoscape.js export', () => {
  it('should put node data and positions in the elements format', () => {
    const document = toCytoscape(NETWORK, META);
    expect(document.elements.nodes[1]).toEqual({
      data: expect.objectContaining({
        id: 'p2',
        label: 'Zwei',
        community: 1,
        color: communityColor(1),
        status: 'PAUSED',
        dimensions: [],
      }),
      position: { x: 0, y: 4 },
    });
    expect(document.elements.edges[0]?.data).toMatchObject({
      id: 'p<1>--p2',
      source: 'p<1>',
      target: 'p2',
      weight: 2,
    });
    expect(document.data).toMatchObject({ mode: 'PARTNERS', dataVersion: 7 });
    expect(JSON.parse(serialiseNetwork(NETWORK, 'json', META))).toEqual(document);
  });
});

describe('node table (CSV)', () => {
  it('should list every node with its attributes, codes and decimal points by default', () => {
    const text = serialiseNetwork(NETWORK, 'csv', META);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header?.slice(0, 13)).toEqual([
      'id',
      'label',
      'kind',
      'sector',
      'partnerKind',
      'cooperationKind',
      'status',
      'scope',
      'districtKey',
      'districtName',
      'boroughKey',
      'borough',
      'dimensions',
    ]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header?.map((h, i) => [h, rows[0]?.[i]]) ?? []);
    expect(row).toMatchObject({
      id: 'p<1>',
      kind: 'PARTNER',
      sector: 'CIVIL_SOCIETY',
      districtName: 'Jungbusch',
      dimensions: 'age:SERVICE,religion:COMMUNITY',
      betweenness: '0.25',
      x: '1.5',
      y: '-2.25',
    });
    // The label's control character is kept in CSV (no XML here); quotes survive.
    expect(row.label).toBe('Kunst & "Kultur" <e.V.> \'Mannheim\'\u0001');
  });

  it('should write German Excel: semicolons, German headers and words, decimal commas', () => {
    const text = serialiseNetwork(NETWORK, 'csv-excel-de', META);
    const [header, ...rows] = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(header?.slice(0, 4)).toEqual(['ID', 'Bezeichnung', 'Knotenart', 'Sektor']);
    const row = Object.fromEntries(header?.map((h, i) => [h, rows[0]?.[i]]) ?? []);
    expect(row).toMatchObject({
      Knotenart: 'Partner',
      Sektor: 'Zivilgesellschaft',
      Art: 'Kultureinrichtung',
      Status: 'aktiv',
      Wirkungsbereich: 'Stadtteil',
      Vielfaltsdimensionen: 'age (Soziale Dienstleistung), religion (Community)',
      Betweenness: '0,25',
      y: '-2,25',
    });
    expect(rows[1]?.[header?.indexOf('Wirkungsbereich') ?? -1]).toBe('ganze Stadt');
    expect(text.split('\r\n')).toHaveLength(4);
  });
});
