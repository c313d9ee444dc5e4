import fc from 'fast-check';
import neo4j, {
  Date as Neo4jDate,
  DateTime,
  Duration,
  LocalDateTime,
  LocalTime,
  Point,
  Time,
} from 'neo4j-driver';
import {
  canonicalProperties,
  GraphChangedError,
  GraphDigestBuilder,
  nodeContentHash,
} from '../../src/ops/graph-digest';
import type { GraphNode, GraphRelationship } from '../../src/ops/graph-reader';
import {
  decodeValue,
  encodeValue,
  type TypedValue,
  TypedValueError,
} from '../../src/ops/typed-values';

const node = (
  elementId: string,
  labels: string[],
  properties: Record<string, unknown>,
): GraphNode => ({ elementId, labels, properties });

const rel = (
  type: string,
  startId: string,
  endId: string,
  properties: Record<string, unknown> = {},
): GraphRelationship => ({ type, startId, endId, properties });

function digestOf(nodes: GraphNode[], relationships: GraphRelationship[]): string {
  const builder = new GraphDigestBuilder();
  for (const n of nodes) builder.addNode(n);
  for (const r of relationships) builder.addRelationship(r);
  return builder.result().digest;
}

describe('canonical encoding', () => {
  it('should not depend on the order of labels or of property keys', () => {
    expect(nodeContentHash(['Partner', 'Archived'], { id: 'p-1', name: 'A' })).toBe(
      nodeContentHash(['Archived', 'Partner'], { name: 'A', id: 'p-1' }),
    );
  });

  it('should tell an Integer 1, a Float 1.0 and a String "1" apart', () => {
    const hashes = [neo4j.int(1), 1.0, '1', [neo4j.int(1)], true].map((value) =>
      nodeContentHash(['N'], { value }),
    );
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('should tell a Date from the string of the same day', () => {
    expect(nodeContentHash(['N'], { on: new Neo4jDate(2023, 6, 12) })).not.toBe(
      nodeContentHash(['N'], { on: '2023-06-12' }),
    );
  });

  it('should keep Integers beyond 2^53 exact', () => {
    const big = neo4j.int('9007199254740993');
    expect(encodeValue(big)).toEqual({ $int: '9007199254740993' });
    expect(nodeContentHash(['N'], { v: big })).not.toBe(
      nodeContentHash(['N'], { v: neo4j.int('9007199254740992') }),
    );
  });

  it('should sort properties by key and type every value', () => {
    expect(
      canonicalProperties({
        z: 'x',
        a: neo4j.int(2),
        m: [1.5, 2.5],
        d: new Neo4jDate(2016, 6, 21),
      }),
    ).toEqual([
      ['a', { $int: '2' }],
      ['d', { $date: '2016-06-21' }],
      ['m', [1.5, 2.5]],
      ['z', 'x'],
    ]);
  });

  it('should encode the floats JSON cannot carry', () => {
    expect([NaN, Infinity, -Infinity, -0, 0].map(encodeValue)).toEqual([
      { $float: 'NaN' },
      { $float: 'Infinity' },
      { $float: '-Infinity' },
      { $float: '-0' },
      0,
    ]);
  });

  it('should refuse null, maps and unknown objects, which Neo4j never stores', () => {
    for (const value of [null, undefined, { a: 1 }, new Map()]) {
      expect(() => encodeValue(value)).toThrow(TypedValueError);
    }
  });
});

describe('typed values', () => {
  const roundTrip = (value: unknown) => encodeValue(decodeValue(encodeValue(value)));

  it('should give back every temporal, spatial and byte type exactly', () => {
    const values = [
      new Neo4jDate(-44, 3, 15),
      new Neo4jDate(12345, 1, 1),
      new LocalTime(23, 59, 59, 999_999_999),
      new Time(10, 0, 0, 1, -16_200),
      new LocalDateTime(2024, 2, 29, 12, 30, 0, 5),
      new DateTime(2024, 3, 31, 2, 30, 0, 0, 3_600, undefined),
      new DateTime(2024, 10, 27, 2, 30, 0, 0, undefined, 'Europe/Berlin'),
      new Duration(neo4j.int(14), neo4j.int(-3), neo4j.int('9007199254740993'), neo4j.int(7)),
      new Point(4326, 8.466, 49.4875),
      new Point(9157, 1, 2, 3),
      new Int8Array([0, -1, 127, -128]),
      ['a', 'b'],
      [neo4j.int(1), neo4j.int(-2)],
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(encodeValue(value));
  });

  it('should give back any date-time with an offset exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: -9999, max: 99_999 }),
          mo: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          s: fc.integer({ min: 0, max: 59 }),
          ns: fc.integer({ min: 0, max: 999_999_999 }),
          offset: fc.integer({ min: -64_800, max: 64_800 }),
        }),
        ({ y, mo, d, h, mi, s, ns, offset }) => {
          const value = new DateTime(y, mo, d, h, mi, s, ns, offset, undefined);
          expect(roundTrip(value)).toEqual(encodeValue(value));
        },
      ),
    );
  });

  it('should refuse unknown tags and malformed payloads', () => {
    const bad = [
      { $nope: 1 },
      { $int: 1 },
      { $date: '12.06.2023' },
      { $time: [1, 2] },
      { $a: 1, $b: 2 },
      null,
    ];
    for (const value of bad) {
      expect(() => decodeValue(value as unknown as TypedValue)).toThrow(TypedValueError);
    }
  });
});

describe('GraphDigestBuilder', () => {
  const nodes = [
    node('a', ['Partner'], { id: 'p-1', joinedOn: new Neo4jDate(2016, 6, 21) }),
    node('b', ['Dimension'], { key: 'age' }),
    node('c', ['Partner'], { id: 'p-2', version: neo4j.int(3) }),
  ];
  const relationships = [
    rel('ENGAGES_IN', 'a', 'b', { perspective: 'COMMUNITY' }),
    rel('ENGAGES_IN', 'c', 'b', { perspective: 'SERVICE' }),
  ];
  const digest = digestOf(nodes, relationships);

  it('should not depend on the order nodes and relationships are read in', () => {
    expect(digestOf([...nodes].reverse(), [...relationships].reverse())).toBe(digest);
  });

  it('should not depend on element ids, which change on restore', () => {
    const renamed = nodes.map((n) => ({ ...n, elementId: `new-${n.elementId}` }));
    const rewired = relationships.map((r) => ({
      ...r,
      startId: `new-${r.startId}`,
      endId: `new-${r.endId}`,
    }));
    expect(digestOf(renamed, rewired)).toBe(digest);
  });

  it('should change when a property value changes type', () => {
    const changed = [...nodes.slice(0, 2), node('c', ['Partner'], { id: 'p-2', version: 3 })];
    expect(digestOf(changed, relationships)).not.toBe(digest);
  });

  it('should change when a relationship is reversed or moved to another node', () => {
    const reversed = [rel('ENGAGES_IN', 'b', 'a', { perspective: 'COMMUNITY' }), relationships[1]];
    const moved = [rel('ENGAGES_IN', 'c', 'b', { perspective: 'COMMUNITY' }), relationships[1]];
    expect(digestOf(nodes, reversed as GraphRelationship[])).not.toBe(digest);
    expect(digestOf(nodes, moved as GraphRelationship[])).not.toBe(digest);
  });

  it('should count a duplicated node or relationship', () => {
    expect(digestOf([...nodes, node('d', ['Dimension'], { key: 'age' })], relationships)).not.toBe(
      digest,
    );
    expect(digestOf(nodes, [...relationships, relationships[0] as GraphRelationship])).not.toBe(
      digest,
    );
  });

  it('should count nodes and relationships', () => {
    const builder = new GraphDigestBuilder();
    for (const n of nodes) builder.addNode(n);
    for (const r of relationships) builder.addRelationship(r);
    expect(builder.result()).toMatchObject({ nodes: 3, relationships: 2 });
    expect(builder.result().digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('should refuse a relationship to a node it never saw (the graph changed during the read)', () => {
    const builder = new GraphDigestBuilder();
    builder.addNode(nodes[0] as GraphNode);
    expect(() => builder.addRelationship(rel('ENGAGES_IN', 'a', 'unseen'))).toThrow(
      GraphChangedError,
    );
  });
});
