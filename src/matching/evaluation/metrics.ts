import { checkCrossDimensionRule } from '../../cooperations/cross-dimension-rule';
import { intraListSimilarity as listSimilarity } from '../diversify';
import type { PartnerProfile } from '../matching.model';
import { type EvaluationSplit, targetsBySeeker } from './history';

/** Ranked lists: seeker id → suggested candidate ids, best first. */
export type Lists = ReadonlyMap<string, readonly string[]>;

/** What each seeker should have been offered: seeker id → ids of its target partners. */
export type Targets = ReadonlyMap<string, ReadonlySet<string>>;

/** One row of the report: the quality and the spread of one method's lists. */
export interface MetricRow {
  /** {@link recallAtK} */
  recall: number;
  /** {@link ndcgAtK} */
  ndcg: number;
  /** {@link meanReciprocalRank} */
  mrr: number;
  /** {@link catalogueCoverage} */
  coverage: number;
  /** {@link exposureGini} */
  gini: number;
  /** {@link crossDimensionRate} */
  crossDimensionRate: number;
  /** {@link sameDistrictShare} */
  sameDistrict: number;
  /** {@link intraListSimilarity} */
  intraListSimilarity: number;
}

/** One seeker's hits, for resampling: its recall@k and nDCG@k. */
export interface SeekerScore {
  seekerId: string;
  recall: number;
  ndcg: number;
}

/** A method's rows for both target sets of a split. */
export interface SplitMetrics {
  /** Against every new pair. */
  all: MetricRow;
  /** Against the new pairs that pass the cross-dimension rule. */
  crossDimension: MetricRow;
}

/**
 * Recall@k: the share of a seeker's targets found in its top k, averaged over the seekers with at
 * least one target (a seeker without targets has nothing to find).
 * @returns a value in [0, 1]; 0 when no seeker has a target.
 */
export function recallAtK(lists: Lists, targets: Targets, k: number): number {
  return meanOverSeekers(lists, targets, (list, wanted) => seekerRecall(list, wanted, k));
}

/**
 * nDCG@k with binary relevance: Σ 1 / log2(rank + 1) over the hits in the top k, divided by the
 * same sum for an ideal list that puts min(k, |targets|) targets first. Averaged like
 * {@link recallAtK}.
 * @returns a value in [0, 1]; 0 when no seeker has a target.
 */
export function ndcgAtK(lists: Lists, targets: Targets, k: number): number {
  return meanOverSeekers(lists, targets, (list, wanted) => seekerNdcg(list, wanted, k));
}

/**
 * The per-seeker values whose means are {@link recallAtK} and {@link ndcgAtK}: one entry per
 * seeker with at least one target, sorted by seeker id (code-unit order), so two methods' scores
 * on the same targets line up unit by unit for a paired bootstrap.
 */
export function seekerScores(lists: Lists, targets: Targets, k: number): SeekerScore[] {
  return [...targets]
    .filter(([, wanted]) => wanted.size > 0)
    .sort(([a], [b]) => (a === b ? 0 : a < b ? -1 : 1))
    .map(([seekerId, wanted]) => {
      const list = lists.get(seekerId) ?? [];
      return {
        seekerId,
        recall: seekerRecall(list, wanted, k),
        ndcg: seekerNdcg(list, wanted, k),
      };
    });
}

/**
 * Mean reciprocal rank: 1 / rank of the first target in the top k, 0 when none is there. Averaged
 * like {@link recallAtK}.
 * @returns a value in [0, 1]; 0 when no seeker has a target.
 */
export function meanReciprocalRank(lists: Lists, targets: Targets, k: number): number {
  return meanOverSeekers(lists, targets, (list, wanted) => {
    const index = list.slice(0, k).findIndex((id) => wanted.has(id));
    return index < 0 ? 0 : 1 / (index + 1);
  });
}

/**
 * Catalogue coverage: the share of the candidates that appear in at least one list. Counted over
 * the lists of all seekers, not only those with targets, because every partner gets suggestions.
 * @param candidateIds - the whole candidate set
 * @returns a value in [0, 1]; 0 for an empty candidate set.
 */
export function catalogueCoverage(lists: Lists, candidateIds: readonly string[]): number {
  if (candidateIds.length === 0) return 0;
  const shown = new Set([...lists.values()].flat());
  return candidateIds.filter((id) => shown.has(id)).length / candidateIds.length;
}

/**
 * Exposure Gini: the Gini coefficient of how often each candidate appears across all lists, with
 * never-shown candidates counted as 0. 0 means everybody is shown equally often; (n − 1) / n means
 * one candidate takes every slot.
 * @param candidateIds - the whole candidate set
 */
export function exposureGini(lists: Lists, candidateIds: readonly string[]): number {
  const counts = new Map(candidateIds.map((id) => [id, 0]));
  for (const list of lists.values()) {
    for (const id of list) {
      const count = counts.get(id);
      if (count !== undefined) counts.set(id, count + 1);
    }
  }
  return gini([...counts.values()]);
}

/**
 * The Gini coefficient of non-negative values, Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean), computed from the
 * sorted values in O(n log n).
 * @returns a value in [0, (n − 1) / n]; 0 for no values or when all are 0.
 */
export function gini(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, x) => sum + x, 0);
  if (n === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, x, i) => sum + (i + 1) * x, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/**
 * The share of suggested (seeker, candidate) pairs that pass {@link checkCrossDimensionRule}.
 * @param profiles - profiles of every seeker and candidate; a pair with an unknown one fails
 * @returns a value in [0, 1]; 0 when nothing was suggested, so an empty method never looks perfect.
 */
export function crossDimensionRate(
  lists: Lists,
  profiles: ReadonlyMap<string, PartnerProfile>,
): number {
  let suggested = 0;
  let passing = 0;
  for (const [seekerId, list] of lists) {
    const seeker = profiles.get(seekerId);
    for (const id of list) {
      const candidate = profiles.get(id);
      suggested += 1;
      if (
        seeker &&
        candidate &&
        checkCrossDimensionRule([seeker.engagements, candidate.engagements]) === null
      ) {
        passing += 1;
      }
    }
  }
  return suggested === 0 ? 0 : passing / suggested;
}

/**
 * The share of suggested (seeker, candidate) pairs in the same Stadtteil (`districtKey` equal and
 * known). A high share means the lists stay in the seeker's neighbourhood bubble.
 * @param profiles - profiles of every seeker and candidate; a pair with an unknown one counts as
 *   not in the same Stadtteil
 * @returns a value in [0, 1]; 0 when nothing was suggested.
 */
export function sameDistrictShare(
  lists: Lists,
  profiles: ReadonlyMap<string, PartnerProfile>,
): number {
  let suggested = 0;
  let same = 0;
  for (const [seekerId, list] of lists) {
    const home = profiles.get(seekerId)?.districtKey ?? null;
    for (const id of list) {
      suggested += 1;
      if (home !== null && profiles.get(id)?.districtKey === home) same += 1;
    }
  }
  return suggested === 0 ? 0 : same / suggested;
}

/**
 * Intra-list similarity: the mean pairwise `profileSimilarity` within one list (the production
 * `intraListSimilarity` of diversify.ts), averaged over the lists with at least two known
 * candidates. Lower means more varied lists.
 * @param profiles - profiles of the candidates; unknown ids are skipped
 * @returns a value in [0, 1]; 0 when no list has two known candidates.
 */
export function intraListSimilarity(
  lists: Lists,
  profiles: ReadonlyMap<string, PartnerProfile>,
): number {
  let total = 0;
  let counted = 0;
  for (const list of lists.values()) {
    const known = list.flatMap((id) => profiles.get(id) ?? []);
    if (known.length < 2) continue;
    total += listSimilarity(known);
    counted += 1;
  }
  return counted === 0 ? 0 : total / counted;
}

/** Every metric of one set of lists against one set of targets. */
export function measure(
  lists: Lists,
  targets: Targets,
  profiles: ReadonlyMap<string, PartnerProfile>,
  k: number,
): MetricRow {
  const candidateIds = [...profiles.keys()];
  return {
    recall: recallAtK(lists, targets, k),
    ndcg: ndcgAtK(lists, targets, k),
    mrr: meanReciprocalRank(lists, targets, k),
    coverage: catalogueCoverage(lists, candidateIds),
    gini: exposureGini(lists, candidateIds),
    crossDimensionRate: crossDimensionRate(lists, profiles),
    sameDistrict: sameDistrictShare(lists, profiles),
    intraListSimilarity: intraListSimilarity(lists, profiles),
  };
}

/** A method's lists measured against both target sets of a split. */
export function measureSplit(lists: Lists, split: EvaluationSplit, k: number): SplitMetrics {
  const { profiles } = split.state;
  return {
    all: measure(lists, targetsBySeeker(split.newPairs), profiles, k),
    crossDimension: measure(lists, targetsBySeeker(split.crossDimensionPairs), profiles, k),
  };
}

function hits(list: readonly string[], wanted: ReadonlySet<string>, k: number): number {
  return list.slice(0, k).filter((id) => wanted.has(id)).length;
}

function seekerRecall(list: readonly string[], wanted: ReadonlySet<string>, k: number): number {
  return hits(list, wanted, k) / wanted.size;
}

/** Binary-relevance nDCG@k of one list against an ideal list of min(k, |wanted|) hits. */
function seekerNdcg(list: readonly string[], wanted: ReadonlySet<string>, k: number): number {
  const dcg = list
    .slice(0, k)
    .reduce((sum, id, i) => (wanted.has(id) ? sum + discount(i) : sum), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, wanted.size); i += 1) ideal += discount(i);
  return dcg / ideal;
}

/** The gain of a hit at 0-based position `i`: 1 / log2(i + 2). */
function discount(i: number): number {
  return 1 / Math.log2(i + 2);
}

/** Mean of `value` over the seekers with at least one target; a seeker without a list scores 0. */
function meanOverSeekers(
  lists: Lists,
  targets: Targets,
  value: (list: readonly string[], wanted: ReadonlySet<string>) => number,
): number {
  const seekers = [...targets].filter(([, wanted]) => wanted.size > 0);
  if (seekers.length === 0) return 0;
  const total = seekers.reduce((sum, [id, wanted]) => sum + value(lists.get(id) ?? [], wanted), 0);
  return total / seekers.length;
}
