import type { Language } from '../common/language';
import {
  compareSortKeys,
  type ConnectionArgs,
  type Page,
  sortedPage,
  toPage,
  toPageRequest,
} from '../common/pagination';
import { MAX_SUGGESTIONS } from '../matching/matching.checks';
import type { MatchingService, SuggestionCaller } from '../matching/matching.service';
import { VersionedCache } from '../network/network.cache';
import { DEFAULT_NETWORK_STATUSES } from '../network/network.filter';
import type { NetworkNodeData } from '../network/network.model';
import type { NetworkService, NetworkView } from '../network/network.service';
import type { PartnerKind, Sector } from '../partners/partner.types';
import {
  boundedUnion,
  byActivity,
  closingPairs,
  type CommunitySummary,
  countDimensionPairs,
  type DimensionMembers,
  gapProspects,
  type ProposedPairData,
  rankBridgeOpportunities,
  seekerDepth,
  summariseCommunities,
  type SuggestionLike,
  topBrokers,
} from './graph-analytics';
import type { DimensionMembersRow, GraphAnalyticsRepository } from './graph-analytics.repository';
import type {
  BridgeOpportunity,
  Broker,
  CommunityOverview,
  DimensionPairGap,
  GraphPartner,
  NetworkCommunity,
  ProposedPartnerPair,
} from './graph-analytics.types';
import { assertIntInRange } from '../common/checks';
import { ErrorCode, userError } from '../common/errors';
import type { CooperationKind } from '../cooperations/cooperation.types';
import { isCalendarDate } from '../network/network.filter';
import { analyticsKinds } from './aggregates';
import { communityLabel } from './community-labels';

/**
 * The bounds of the graph analytics: argument ranges, and the matching work one request may
 * cause. Each suggestion list costs the matching about a thousand scored candidates at 50,000
 * partners, so the seekers per request are capped whatever `first` asks for.
 */
export const GRAPH_ANALYTICS_LIMITS = {
  /** Largest `first` of dimensionPairGaps (7 dimensions make 21 pairs). */
  maxGaps: 50,
  /** Largest `first` of brokers. */
  maxBrokers: 100,
  /** Largest `first` of bridgeOpportunities. */
  maxBridges: 20,
  /** Largest `first` of communities. */
  maxCommunities: 100,
  /** Partner pairs shown per gap or bridge. */
  pairsPerItem: 3,
  /** Suggestion lists asked from the matching per request, at most. */
  maxSeekers: 24,
  /**
   * Seekers per matching call: the calls run one after another, so that no single read
   * transaction grows towards the database's transaction timeout.
   */
  seekersPerCall: 8,
  /** Seekers per side of a gap or community of a bridge, at most. */
  maxSeekersPerSide: 3,
  /** Suggestions asked per seeker (the matching's maximum). */
  suggestionsPerSeeker: MAX_SUGGESTIONS,
  /** Members shown per community. */
  samples: 5,
  /** Dimensions shown per community. */
  dominantDimensions: 3,
  /** Smallest community bridgeOpportunities considers, by default. */
  bridgeMinSize: 3,
} as const;

/** Everything derived from the PARTNERS network and engagements at one data version. */
interface Analysis {
  view: NetworkView;
  nodeById: Map<string, NetworkNodeData>;
  dimensions: DimensionMembersRow[];
  members: DimensionMembers;
  communities: CommunitySummary[];
  /** Members without an edge, by name then id (the order of `isolatedPartners`). */
  isolated: GraphPartner[];
  /** Each dimension's share of the network's nodes (the baseline of community labels). */
  baseline: Map<string, number>;
}

/** The GraphQL shape of a network node. */
export function toGraphPartner(node: NetworkNodeData): GraphPartner {
  return {
    id: node.id,
    name: node.label,
    sector: node.sector as Sector | null,
    partnerKind: node.partnerKind as PartnerKind | null,
    cooperations: node.size,
    degree: node.degree,
    weightedDegree: node.weightedDegree,
    betweenness: node.betweenness,
    community: node.community,
  };
}

const dimensionName = (row: DimensionMembersRow | undefined, key: string, language: Language) =>
  row ? (language === 'en' ? row.nameEn : row.nameDe) : key;

/** The arguments of `dimensionPairGaps`. */
export interface DimensionPairGapArgs {
  first: number;
  /** Counted kinds; omitted or empty: {@link analyticsKinds}' default. */
  kinds: readonly CooperationKind[] | null | undefined;
  /** Cooperations started on or after this day (`YYYY-MM-DD`), or `null`. */
  from: string | null;
  /** Cooperations started on or before this day, or `null`. */
  to: string | null;
  /** Only pairs with fewer cooperations than this, or `null` for every pair. */
  below: number | null;
}

/**
 * Checks the time window of a gap question.
 * @throws BAD_USER_INPUT naming `from` or `to` for a malformed day, `from` for `from` after `to`
 */
export function checkedWindow(
  from: string | null,
  to: string | null,
): { from: string | null; to: string | null } {
  for (const [argument, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (day !== null && !isCalendarDate(day)) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected ${argument} to be a date YYYY-MM-DD, got ${JSON.stringify(day.slice(0, 40))}`,
        { argument },
      );
    }
  }
  if (from !== null && to !== null && from > to) {
    throw userError(ErrorCode.BAD_USER_INPUT, `expected from (${from}) on or before to (${to})`, {
      argument: 'from',
    });
  }
  return { from, to };
}

/** The first seekers of each side, as many per side as the seeker budget allows. */
function withinBudget(sides: readonly (readonly string[])[]): string[][] {
  const { maxSeekers, maxSeekersPerSide } = GRAPH_ANALYTICS_LIMITS;
  const depth = seekerDepth(sides, maxSeekers, maxSeekersPerSide);
  return sides.map((side) => side.slice(0, depth));
}

/**
 * The coordinators' graph analytics over the PARTNERS and DIMENSIONS networks of
 * {@link NetworkService} (computed in its worker and cached per data version) and the matching's
 * suggestions. Derived results are cached per data version too, so a repeated question costs one
 * version read; every write makes them stale.
 */
export class GraphAnalyticsService {
  private readonly analyses = new VersionedCache<Analysis>(2);
  private readonly gaps = new VersionedCache<DimensionPairGap[]>(8);
  private readonly bridges = new VersionedCache<BridgeOpportunity[]>(8);

  constructor(
    private readonly networks: NetworkService,
    private readonly matching: MatchingService,
    private readonly repository: GraphAnalyticsRepository,
  ) {}

  /**
   * Dimension pairs rarest first, each with partner pairs that would combine them. Counted are
   * the cooperations of the given kinds (default: diversity cooperations and network projects)
   * started in the window that address both dimensions and have a member among their partners.
   * @throws BAD_USER_INPUT for `first` outside 1–{@link GRAPH_ANALYTICS_LIMITS}.maxGaps, `below`
   *   outside 1–1,000,000, a malformed `from`/`to` or `from` after `to`
   */
  async dimensionPairGaps(
    args: DimensionPairGapArgs,
    caller: SuggestionCaller,
  ): Promise<DimensionPairGap[]> {
    const { first, below } = args;
    assertIntInRange('first', first, 1, GRAPH_ANALYTICS_LIMITS.maxGaps);
    if (below !== null) assertIntInRange('below', below, 1, 1_000_000);
    const window = checkedWindow(args.from, args.to);
    const kinds = analyticsKinds(args.kinds);
    const filter = { cooperationKinds: kinds, ...window };
    const [analysis, dimensionNetwork] = await Promise.all([
      this.analysis(caller.language),
      this.networks.network('DIMENSIONS', filter, caller.language),
    ]);
    const key = JSON.stringify([first, below, kinds, window, caller.language]);
    return this.gaps.get(analysis.view.dataVersion, key, () =>
      this.computeGaps(analysis, dimensionNetwork, first, below, caller),
    );
  }

  /**
   * Member partners without an edge in the partners network (no cooperation with another
   * member), by name, as a Relay connection.
   * @throws BAD_USER_INPUT for bad page sizes or cursors
   */
  async isolatedPartners(
    args: ConnectionArgs,
    caller: SuggestionCaller,
  ): Promise<Page<GraphPartner>> {
    const scope = 'isolatedPartners:NAME:ASC';
    const request = toPageRequest(scope, args);
    const { isolated } = await this.analysis(caller.language);
    const rows = sortedPage(isolated, (p) => [p.name, p.id], request);
    return toPage(scope, request, rows, () => Promise.resolve(isolated.length));
  }

  /**
   * The Louvain communities of at least `minSize` members, largest first.
   * @throws BAD_USER_INPUT for `first` outside 1–100 or `minSize` below 1
   */
  async communities(
    first: number,
    minSize: number,
    caller: SuggestionCaller,
  ): Promise<CommunityOverview> {
    assertIntInRange('first', first, 1, GRAPH_ANALYTICS_LIMITS.maxCommunities);
    assertIntInRange('minSize', minSize, 1, Number.MAX_SAFE_INTEGER);
    const analysis = await this.analysis(caller.language);
    const { view, communities } = analysis;
    return {
      dataVersion: view.dataVersion,
      partners: view.metrics.nodes,
      communityCount: communities.length,
      singletonCount: communities.filter((c) => c.size === 1).length,
      modularity: view.metrics.modularity,
      communities: communities
        .filter((c) => c.size >= minSize)
        .slice(0, first)
        .map((c) => this.toCommunity(c, analysis, caller.language)),
    };
  }

  /**
   * The partners of highest betweenness.
   * @throws BAD_USER_INPUT for `first` outside 1–100
   */
  async brokers(first: number, caller: SuggestionCaller): Promise<Broker[]> {
    assertIntInRange('first', first, 1, GRAPH_ANALYTICS_LIMITS.maxBrokers);
    const { view, nodeById } = await this.analysis(caller.language);
    return topBrokers(view.nodes, view.edges, first).flatMap((broker) => {
      const node = nodeById.get(broker.id);
      return node ? [{ ...broker, partner: toGraphPartner(node) }] : [];
    });
  }

  /**
   * Community pairs with the fewest ties relative to their sizes, each with partner pairs that
   * would connect them.
   * @throws BAD_USER_INPUT for `first` outside 1–20 or `minSize` below 1
   */
  async bridgeOpportunities(
    first: number,
    minSize: number,
    caller: SuggestionCaller,
  ): Promise<BridgeOpportunity[]> {
    assertIntInRange('first', first, 1, GRAPH_ANALYTICS_LIMITS.maxBridges);
    assertIntInRange('minSize', minSize, 1, Number.MAX_SAFE_INTEGER);
    const analysis = await this.analysis(caller.language);
    const key = `${first}\u0000${minSize}`;
    return this.bridges.get(analysis.view.dataVersion, key, () =>
      this.computeBridges(analysis, first, minSize, caller),
    );
  }

  /** The PARTNERS network with engagements and community summaries, once per data version. */
  private async analysis(language: Language): Promise<Analysis> {
    const view = await this.networks.network('PARTNERS', null, language);
    return this.analyses.get(view.dataVersion, 'partners', async () => {
      const dimensions = await this.repository.dimensionMembers(DEFAULT_NETWORK_STATUSES);
      const members = new Map(dimensions.map((d) => [d.key, new Set(d.partnerIds)]));
      const communities = summariseCommunities(view.nodes, view.edges, members, {
        samples: GRAPH_ANALYTICS_LIMITS.samples,
        central: GRAPH_ANALYTICS_LIMITS.maxSeekersPerSide * 3,
      });
      const nodeById = new Map(view.nodes.map((n) => [n.id, n]));
      const isolated = view.nodes
        .filter((n) => n.degree === 0)
        .map(toGraphPartner)
        .sort((a, b) => compareSortKeys([a.name, a.id], [b.name, b.id]));
      const total = Math.max(view.nodes.length, 1);
      const baseline = new Map(
        dimensions.map((d) => [
          d.key,
          d.partnerIds.filter((id) => nodeById.has(id)).length / total,
        ]),
      );
      return { view, nodeById, dimensions, members, communities, isolated, baseline };
    });
  }

  private toCommunity(
    summary: CommunitySummary,
    analysis: Analysis,
    language: Language,
  ): NetworkCommunity {
    const { nodeById, dimensions } = analysis;
    const rows = new Map(dimensions.map((d) => [d.key, d]));
    return {
      id: summary.community,
      size: summary.size,
      internalTies: summary.internalTies,
      externalTies: summary.externalTies,
      neighbourCommunities: summary.tiesTo.size,
      dominantDimensions: summary.dimensions
        .slice(0, GRAPH_ANALYTICS_LIMITS.dominantDimensions)
        .map((d) => ({
          key: d.key,
          name: dimensionName(rows.get(d.key), d.key, language),
          partners: d.count,
          share: d.share,
        })),
      ...((named) => ({
        label: named.label,
        labelDimensionKeys: named.dimensionKeys,
        dominantSectors: named.sectors as Sector[],
      }))(communityLabel(summary.dimensions, summary.sectors, language, analysis.baseline)),
      sectors: summary.sectors.map((s) => ({
        sector: s.key as Sector,
        partners: s.count,
        share: s.share,
      })),
      samples: summary.samples.flatMap((id) => {
        const node = nodeById.get(id);
        return node ? [toGraphPartner(node)] : [];
      }),
    };
  }

  private async computeGaps(
    analysis: Analysis,
    dimensionNetwork: NetworkView,
    first: number,
    below: number | null,
    caller: SuggestionCaller,
  ): Promise<DimensionPairGap[]> {
    const { members, dimensions, view } = analysis;
    const keys = dimensions.map((d) => d.key);
    const pairs = countDimensionPairs(keys, dimensionNetwork.edges)
      .filter((p) => below === null || p.cooperations < below)
      .slice(0, first);
    const ranked = [...view.nodes].sort(byActivity).map((n) => n.id);
    // Twice the prospects needed: some turn out not to be ACTIVE (PAUSED members).
    const depth = GRAPH_ANALYTICS_LIMITS.maxSeekersPerSide * 2;
    const prospects = pairs.flatMap((p) => [
      gapProspects(ranked, members, p.first, p.second, depth),
      gapProspects(ranked, members, p.second, p.first, depth),
    ]);
    const active = await this.repository.activeAmong([...new Set(prospects.flat())]);
    const sides = withinBudget(prospects.map((ids) => ids.filter((id) => active.has(id))));
    const suggestions = await this.suggestionsFor(sides, caller);
    const rows = new Map(dimensions.map((d) => [d.key, d]));
    return pairs.map((pair, i) => {
      const inFirst = members.get(pair.first) ?? new Set<string>();
      const inSecond = members.get(pair.second) ?? new Set<string>();
      const found = closingPairs(
        [
          { seekers: sides[2 * i] ?? [], accepts: (id) => inSecond.has(id) },
          { seekers: sides[2 * i + 1] ?? [], accepts: (id) => inFirst.has(id) },
        ],
        suggestions,
        GRAPH_ANALYTICS_LIMITS.pairsPerItem,
      );
      return {
        firstDimensionKey: pair.first,
        firstDimensionName: dimensionName(rows.get(pair.first), pair.first, caller.language),
        secondDimensionKey: pair.second,
        secondDimensionName: dimensionName(rows.get(pair.second), pair.second, caller.language),
        cooperations: pair.cooperations,
        partnersInFirst: inFirst.size,
        partnersInSecond: inSecond.size,
        partnersInBoth: [...inFirst].filter((id) => inSecond.has(id)).length,
        pairs: this.toPairs(found, analysis),
      };
    });
  }

  private async computeBridges(
    analysis: Analysis,
    first: number,
    minSize: number,
    caller: SuggestionCaller,
  ): Promise<BridgeOpportunity[]> {
    const { communities, view } = analysis;
    const opportunities = rankBridgeOpportunities(communities, minSize, first);
    const involved = [...new Set(opportunities.flatMap((o) => [o.first, o.second]))];
    const byNumber = new Map(communities.map((c) => [c.community, c]));
    const prospects = involved.flatMap((c) => byNumber.get(c)?.central ?? []);
    const active = await this.repository.activeAmong(prospects);
    const sides = withinBudget(
      involved.map((c) => (byNumber.get(c)?.central ?? []).filter((id) => active.has(id))),
    );
    const seekersOf = new Map(involved.map((c, i) => [c, sides[i] ?? []]));
    const suggestions = await this.suggestionsFor(sides, caller);
    const communityOf = new Map(view.nodes.map((n) => [n.id, n.community]));
    return opportunities.map((o) => {
      const found = closingPairs(
        [
          {
            seekers: seekersOf.get(o.first) ?? [],
            accepts: (id) => communityOf.get(id) === o.second,
          },
          {
            seekers: seekersOf.get(o.second) ?? [],
            accepts: (id) => communityOf.get(id) === o.first,
          },
        ],
        suggestions,
        GRAPH_ANALYTICS_LIMITS.pairsPerItem,
      );
      return {
        firstCommunity: o.first,
        secondCommunity: o.second,
        firstSize: o.firstSize,
        secondSize: o.secondSize,
        ties: o.ties,
        density: o.density,
        pairs: this.toPairs(found, analysis),
      };
    });
  }

  /** Batched matching calls (a few, never one per seeker) for the seekers of all items. */
  private async suggestionsFor(
    lists: readonly (readonly string[])[],
    caller: SuggestionCaller,
  ): Promise<Map<string, SuggestionLike[]>> {
    const { maxSeekers, seekersPerCall, suggestionsPerSeeker } = GRAPH_ANALYTICS_LIMITS;
    const seekers = boundedUnion(lists, maxSeekers);
    const found = new Map<string, SuggestionLike[]>();
    for (let start = 0; start < seekers.length; start += seekersPerCall) {
      const chunk = seekers.slice(start, start + seekersPerCall);
      const suggested = await this.matching.suggestForPartners(chunk, suggestionsPerSeeker, caller);
      chunk.forEach((id, i) => found.set(id, suggested[i] ?? []));
    }
    return found;
  }

  /** Pairs as GraphQL objects; a partner missing from the network (not a member) is left out. */
  private toPairs(
    found: readonly ProposedPairData[],
    { nodeById }: Analysis,
  ): ProposedPartnerPair[] {
    return found.flatMap((pair) => {
      const a = nodeById.get(pair.firstId);
      const b = nodeById.get(pair.secondId);
      return a && b
        ? [
            {
              first: toGraphPartner(a),
              second: toGraphPartner(b),
              score: pair.score,
              coveredDimensionKeys: pair.coveredDimensionKeys,
            },
          ]
        : [];
    });
  }
}
