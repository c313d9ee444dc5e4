/**
 * The pure logic of the coordinators' graph analytics: dimension pairs, communities, brokers,
 * bridges between communities, and the partner pairs that would close a gap. No I/O: the service
 * hands in the computed networks (see src/network/) and matching suggestions.
 */
import { compareText } from '../common/pagination';
import type { NetworkEdgeData, NetworkNodeData } from '../network/network.model';

/** Partner ids per dimension key: who engages in which dimension. */
export type DimensionMembers = ReadonlyMap<string, ReadonlySet<string>>;

/** An unordered pair of dimensions (`first` < `second`) and how many cooperations address both. */
export interface DimensionPairCount {
  first: string;
  second: string;
  cooperations: number;
}

/**
 * Counts every unordered pair of the given dimensions from the edges of a DIMENSIONS network
 * (an edge's weight = cooperations addressing both), pairs without an edge counting 0.
 *
 * @returns all `k(k-1)/2` pairs, rarest first; ties by first key, then second key
 */
export function countDimensionPairs(
  dimensionKeys: readonly string[],
  edges: readonly Pick<NetworkEdgeData, 'source' | 'target' | 'weight'>[],
): DimensionPairCount[] {
  const keys = [...new Set(dimensionKeys)].sort();
  const weights = new Map<string, number>();
  for (const { source, target, weight } of edges) {
    const [a, b] = source < target ? [source, target] : [target, source];
    weights.set(`${a}\u0000${b}`, (weights.get(`${a}\u0000${b}`) ?? 0) + weight);
  }
  const pairs = keys.flatMap((first, i) =>
    keys.slice(i + 1).map((second) => ({
      first,
      second,
      cooperations: weights.get(`${first}\u0000${second}`) ?? 0,
    })),
  );
  return pairs.sort(
    (x, y) =>
      x.cooperations - y.cooperations ||
      compareText(x.first, y.first) ||
      compareText(x.second, y.second),
  );
}

/** Orders nodes most central first: betweenness, then weighted degree, then id. */
export function byCentrality(a: NetworkNodeData, b: NetworkNodeData): number {
  return (
    b.betweenness - a.betweenness || b.weightedDegree - a.weightedDegree || compareText(a.id, b.id)
  );
}

/** Orders nodes most active first: counted cooperations, then weighted degree, then id. */
export function byActivity(a: NetworkNodeData, b: NetworkNodeData): number {
  return b.size - a.size || b.weightedDegree - a.weightedDegree || compareText(a.id, b.id);
}

/** How often a value occurs among the members of a community. */
export interface Share<K> {
  key: K;
  count: number;
  /** count / community size. */
  share: number;
}

/** What a coordinator sees of one Louvain community. */
export interface CommunitySummary {
  community: number;
  size: number;
  /** Edges between two members. */
  internalTies: number;
  /** Edges from a member to a partner of another community. */
  externalTies: number;
  /** Edges to each other community, by its number. */
  tiesTo: Map<number, number>;
  /** Every sector of the members, most frequent first (ties by sector). */
  sectors: Share<string>[];
  /** Every dimension members engage in, most frequent first (ties by key). */
  dimensions: Share<string>[];
  /** Ids of the members with the highest weighted degree, best first. */
  samples: string[];
  /** Ids of the most central members ({@link byCentrality}), best first. */
  central: string[];
}

/** How many ids {@link summariseCommunities} keeps per community. */
export interface SummaryLimits {
  samples: number;
  central: number;
}

function shares<K>(counts: Map<K, number>, size: number, order: (a: K, b: K) => number) {
  return [...counts]
    .map(([key, count]) => ({ key, count, share: size === 0 ? 0 : count / size }))
    .sort((a, b) => b.count - a.count || order(a.key, b.key));
}

/** The first `limit` ids of each community in the given order of nodes. */
function topPerCommunity(
  nodes: readonly NetworkNodeData[],
  order: (a: NetworkNodeData, b: NetworkNodeData) => number,
  limit: number,
): Map<number, string[]> {
  const top = new Map<number, string[]>();
  for (const node of [...nodes].sort(order)) {
    const list = top.get(node.community) ?? [];
    if (list.length < limit) list.push(node.id);
    top.set(node.community, list);
  }
  return top;
}

/**
 * Summarises the communities of a PARTNERS network: size, ties inside and to each other
 * community, sector and dimension shares, sample and central members. O(nodes log nodes + edges
 * + engagements).
 *
 * @returns one summary per community, by community number (= by decreasing size)
 */
export function summariseCommunities(
  nodes: readonly NetworkNodeData[],
  edges: readonly Pick<NetworkEdgeData, 'source' | 'target'>[],
  members: DimensionMembers,
  limits: SummaryLimits,
): CommunitySummary[] {
  const communityOf = new Map(nodes.map((n) => [n.id, n.community]));
  const groups = new Map<number, { size: number; sectors: Map<string, number> }>();
  for (const node of nodes) {
    const group = groups.get(node.community) ?? { size: 0, sectors: new Map() };
    group.size += 1;
    const sector = node.sector ?? 'UNKNOWN';
    group.sectors.set(sector, (group.sectors.get(sector) ?? 0) + 1);
    groups.set(node.community, group);
  }
  const summaries = new Map<number, CommunitySummary>();
  for (const [community, group] of groups) {
    summaries.set(community, {
      community,
      size: group.size,
      internalTies: 0,
      externalTies: 0,
      tiesTo: new Map(),
      sectors: shares(group.sectors, group.size, compareText),
      dimensions: [],
      samples: [],
      central: [],
    });
  }
  countTies(edges, communityOf, summaries);
  countDimensions(members, communityOf, summaries);
  const samples = topPerCommunity(
    nodes,
    (a, b) => b.weightedDegree - a.weightedDegree || compareText(a.id, b.id),
    limits.samples,
  );
  const central = topPerCommunity(nodes, byCentrality, limits.central);
  for (const summary of summaries.values()) {
    summary.samples = samples.get(summary.community) ?? [];
    summary.central = central.get(summary.community) ?? [];
  }
  return [...summaries.values()].sort((a, b) => a.community - b.community);
}

function countTies(
  edges: readonly Pick<NetworkEdgeData, 'source' | 'target'>[],
  communityOf: ReadonlyMap<string, number>,
  summaries: Map<number, CommunitySummary>,
): void {
  for (const { source, target } of edges) {
    const a = communityOf.get(source);
    const b = communityOf.get(target);
    if (a === undefined || b === undefined) continue;
    const first = summaries.get(a);
    const second = summaries.get(b);
    if (!first || !second) continue;
    if (a === b) {
      first.internalTies += 1;
      continue;
    }
    first.externalTies += 1;
    second.externalTies += 1;
    first.tiesTo.set(b, (first.tiesTo.get(b) ?? 0) + 1);
    second.tiesTo.set(a, (second.tiesTo.get(a) ?? 0) + 1);
  }
}

function countDimensions(
  members: DimensionMembers,
  communityOf: ReadonlyMap<string, number>,
  summaries: Map<number, CommunitySummary>,
): void {
  const counts = new Map<number, Map<string, number>>();
  for (const [key, ids] of members) {
    for (const id of ids) {
      const community = communityOf.get(id);
      if (community === undefined) continue;
      const perKey = counts.get(community) ?? new Map<string, number>();
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      counts.set(community, perKey);
    }
  }
  for (const [community, perKey] of counts) {
    const summary = summaries.get(community);
    if (summary) summary.dimensions = shares(perKey, summary.size, compareText);
  }
}

/** A partner that links communities: its own, and those of its neighbours. */
export interface BrokerData {
  id: string;
  community: number;
  /** Communities of its neighbours other than its own, ascending. */
  touchedCommunities: number[];
  /** Its edges to partners of other communities. */
  externalTies: number;
}

/**
 * The `first` nodes of highest betweenness (ties by weighted degree, then id) with the
 * communities their neighbours belong to. One pass over the edges.
 */
export function topBrokers(
  nodes: readonly NetworkNodeData[],
  edges: readonly Pick<NetworkEdgeData, 'source' | 'target'>[],
  first: number,
): BrokerData[] {
  const top = [...nodes].sort(byCentrality).slice(0, first);
  const communityOf = new Map(nodes.map((n) => [n.id, n.community]));
  const brokers = new Map(
    top.map((n) => [
      n.id,
      { id: n.id, community: n.community, touched: new Set<number>(), externalTies: 0 },
    ]),
  );
  const note = (id: string, other: string) => {
    const broker = brokers.get(id);
    const community = communityOf.get(other);
    if (!broker || community === undefined || community === broker.community) return;
    broker.touched.add(community);
    broker.externalTies += 1;
  };
  for (const { source, target } of edges) {
    note(source, target);
    note(target, source);
  }
  return top.map((n) => {
    const broker = brokers.get(n.id);
    return {
      id: n.id,
      community: n.community,
      touchedCommunities: [...(broker?.touched ?? [])].sort((a, b) => a - b),
      externalTies: broker?.externalTies ?? 0,
    };
  });
}

/** Two communities and how thinly they are tied. */
export interface BridgeOpportunityData {
  first: number;
  second: number;
  firstSize: number;
  secondSize: number;
  /** Edges between a member of one and a member of the other. */
  ties: number;
  /** ties / (firstSize × secondSize): the share of possible ties that exist. */
  density: number;
}

/**
 * The pairs of communities (both of at least `minSize` members) with the lowest tie density,
 * thinnest first; ties broken by the larger product of sizes (more partners to connect), then by
 * community numbers. O(communities² ) over the summaries.
 */
export function rankBridgeOpportunities(
  summaries: readonly CommunitySummary[],
  minSize: number,
  first: number,
): BridgeOpportunityData[] {
  const eligible = summaries.filter((s) => s.size >= minSize);
  const pairs: BridgeOpportunityData[] = [];
  eligible.forEach((a, i) => {
    for (const b of eligible.slice(i + 1)) {
      const [x, y] = a.community < b.community ? [a, b] : [b, a];
      const ties = x.tiesTo.get(y.community) ?? 0;
      pairs.push({
        first: x.community,
        second: y.community,
        firstSize: x.size,
        secondSize: y.size,
        ties,
        density: ties / (x.size * y.size),
      });
    }
  });
  return pairs
    .sort(
      (p, q) =>
        p.density - q.density ||
        q.firstSize * q.secondSize - p.firstSize * p.secondSize ||
        p.first - q.first ||
        p.second - q.second,
    )
    .slice(0, first);
}

/** The part of a matching suggestion the pair search needs. */
export interface SuggestionLike {
  partnerId: string;
  score: number;
  coveredDimensionKeys: readonly string[];
}

/** One side of a gap or bridge: who searches from it, and which candidates belong to the other. */
export interface PairSide {
  seekers: readonly string[];
  /** Whether a seeker's candidate lies on the other side. */
  accepts: (candidateId: string) => boolean;
}

/** A proposed pair: `firstId` on the first side (dimension, community), `secondId` on the other. */
export interface ProposedPairData {
  firstId: string;
  secondId: string;
  score: number;
  coveredDimensionKeys: string[];
}

/**
 * The best pairs that would connect two sides: each seeker's suggestions whose candidate lies on
 * the other side. A pair found from both sides counts once, with its higher score.
 *
 * @returns at most `limit` pairs, best score first (ties by ids)
 */
export function closingPairs(
  sides: readonly [first: PairSide, second: PairSide],
  suggestions: ReadonlyMap<string, readonly SuggestionLike[]>,
  limit: number,
): ProposedPairData[] {
  const best = new Map<string, ProposedPairData>();
  sides.forEach((side, index) => {
    for (const seekerId of side.seekers) {
      for (const s of suggestions.get(seekerId) ?? []) {
        if (s.partnerId === seekerId || !side.accepts(s.partnerId)) continue;
        const [firstId, secondId] = index === 0 ? [seekerId, s.partnerId] : [s.partnerId, seekerId];
        const key = [firstId, secondId].sort().join('\u0000');
        const known = best.get(key);
        if (!known || s.score > known.score) {
          best.set(key, {
            firstId,
            secondId,
            score: s.score,
            coveredDimensionKeys: [...s.coveredDimensionKeys],
          });
        }
      }
    }
  });
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        compareText(a.firstId, b.firstId) ||
        compareText(a.secondId, b.secondId),
    )
    .slice(0, limit);
}

/**
 * The seekers of one side of a dimension pair gap: partners engaged in `own` but not in `other`
 * (so any candidate engaged in `other` really adds it), most active first.
 *
 * @param ranked - partner ids, most active first
 */
export function gapProspects(
  ranked: readonly string[],
  members: DimensionMembers,
  own: string,
  other: string,
  limit: number,
): string[] {
  const mine = members.get(own);
  const theirs = members.get(other);
  const found: string[] = [];
  for (const id of ranked) {
    if (found.length >= limit) break;
    if (mine?.has(id) && !theirs?.has(id)) found.push(id);
  }
  return found;
}

/**
 * The union of several lists in order, without duplicates, cut at `cap`: earlier lists (the
 * more important gaps or bridges) keep their seekers when the budget runs out.
 */
export function boundedUnion(lists: readonly (readonly string[])[], cap: number): string[] {
  const union = new Set<string>();
  for (const list of lists) {
    for (const id of list) {
      if (union.size >= cap) return [...union];
      union.add(id);
    }
  }
  return [...union];
}

/**
 * How deep into each list of seekers a request can go: the largest `depth` (1 to `maxDepth`)
 * for which the first `depth` ids of all lists together stay within `cap` distinct ids. Lists
 * overlap (the most active partner of a dimension seeks for all its pairs), so the depth is
 * measured on the union, not estimated from the number of lists.
 */
export function seekerDepth(
  lists: readonly (readonly string[])[],
  cap: number,
  maxDepth: number,
): number {
  let depth = 1;
  for (let next = 2; next <= maxDepth; next += 1) {
    const union = new Set(lists.flatMap((list) => list.slice(0, next)));
    if (union.size > cap) break;
    depth = next;
  }
  return depth;
}
