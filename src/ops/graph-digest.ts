import { createHash } from 'node:crypto';
import type { CypherExecutor } from '../db/executor';
import {
  type GraphNode,
  type GraphRelationship,
  readGraph,
  sameMarker,
  type WriteMarker,
} from './graph-reader';
import { encodeValue, type TypedValue } from './typed-values';

/** Version of the digest definition; part of every digest, so a change can never look equal. */
export const DIGEST_VERSION = 1;

/** The digest of a whole graph and what it covers. */
export interface GraphDigest {
  /** `sha256:<64 hex digits>`. */
  digest: string;
  nodes: number;
  relationships: number;
}

/**
 * Thrown when a graph changed while it was read (a relationship points to a node the node pass
 * did not see, or the write marker moved): the figures read belong to no single state.
 */
export class GraphChangedError extends Error {
  override readonly name = 'GraphChangedError';
}

/**
 * A property map in canonical form: entries sorted by key, values as {@link TypedValue}s, so
 * the insertion order is irrelevant and `1`, `1.0` and `"1"` stay three different values.
 */
export function canonicalProperties(properties: Record<string, unknown>): [string, TypedValue][] {
  return Object.keys(properties)
    .sort()
    .map((key) => [key, encodeValue(properties[key])]);
}

/**
 * The content hash of a node: SHA-256 over its sorted labels and canonical properties. Element
 * ids are left out on purpose: they are internal and change when a graph is restored.
 *
 * @returns the hash, base64
 */
export function nodeContentHash(labels: readonly string[], properties: Record<string, unknown>) {
  return sha256(JSON.stringify(['node', [...labels].sort(), canonicalProperties(properties)]));
}

/**
 * The hash of a relationship: its type, canonical properties and the content hashes of its start
 * and end node (the direction counts).
 *
 * @returns the hash, base64
 */
export function relationshipHash(
  type: string,
  properties: Record<string, unknown>,
  startHash: string,
  endHash: string,
): string {
  return sha256(
    JSON.stringify(['relationship', type, canonicalProperties(properties), startHash, endHash]),
  );
}

/**
 * Builds the digest of a graph from its nodes and relationships in any order.
 *
 * Each element's hash is added into a sum modulo 2^256 (a multiset hash), so the result does
 * not depend on the order Neo4j returns records in and needs no sorting: memory stays bounded by
 * one hash per node (relationships refer to their endpoints by the nodes' content hashes, looked
 * up by element id). Identical nodes are counted twice, as they exist twice.
 */
export class GraphDigestBuilder {
  private readonly nodeHashes = new Map<string, string>();
  private readonly nodeSum = new MultisetHash();
  private readonly relationshipSum = new MultisetHash();

  /** Adds a node; returns its content hash (base64). */
  addNode(node: GraphNode): string {
    const hash = nodeContentHash(node.labels, node.properties);
    this.nodeHashes.set(node.elementId, hash);
    this.nodeSum.add(hash);
    return hash;
  }

  /**
   * Adds a relationship; its endpoints must have been added as nodes.
   *
   * @throws {GraphChangedError} when an endpoint is unknown (it was created after the node pass)
   */
  addRelationship(relationship: GraphRelationship): void {
    const start = this.nodeHashes.get(relationship.startId);
    const end = this.nodeHashes.get(relationship.endId);
    if (start === undefined || end === undefined) {
      throw new GraphChangedError(
        `expected both endpoints of a ${relationship.type} relationship among the nodes read, got an unknown one: the graph changed during the read`,
      );
    }
    this.relationshipSum.add(
      relationshipHash(relationship.type, relationship.properties, start, end),
    );
  }

  /** The digest of everything added so far. */
  result(): GraphDigest {
    const summary = {
      digest: 'vielfalt-graph',
      version: DIGEST_VERSION,
      nodes: this.nodeSum.count,
      nodeSum: this.nodeSum.hex(),
      relationships: this.relationshipSum.count,
      relationshipSum: this.relationshipSum.hex(),
    };
    const hex = createHash('sha256').update(JSON.stringify(summary)).digest('hex');
    return {
      digest: `sha256:${hex}`,
      nodes: this.nodeSum.count,
      relationships: this.relationshipSum.count,
    };
  }
}

/**
 * Reads the whole graph (one read transaction, streamed in pages) and returns its digest.
 *
 * @throws {GraphChangedError} when a write ran during the read; try again
 */
export async function computeGraphDigest(executor: CypherExecutor): Promise<GraphDigest> {
  const builder = new GraphDigestBuilder();
  const read = await readGraph(
    executor,
    { node: (node) => void builder.addNode(node), relationship: (r) => builder.addRelationship(r) },
    'graphDigest',
  );
  assertUnchanged(read.before, read.after);
  return builder.result();
}

/**
 * @throws {GraphChangedError} when the markers taken before and after a read differ
 */
export function assertUnchanged(before: WriteMarker, after: WriteMarker): void {
  if (!sameMarker(before, after)) {
    throw new GraphChangedError(
      `expected no writes during the read, got ${JSON.stringify(before)} before and ${JSON.stringify(after)} after`,
    );
  }
}

const MODULUS = 1n << 256n;

/** A sum of 256-bit hashes modulo 2^256: commutative, so the order of adding is irrelevant. */
class MultisetHash {
  private sum = 0n;
  count = 0;

  add(base64: string): void {
    this.sum = (this.sum + BigInt(`0x${Buffer.from(base64, 'base64').toString('hex')}`)) % MODULUS;
    this.count += 1;
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
