import type { DemoAlliance, DemoCooperation, DemoPartner } from '../../../seeds/demo/types';
import { checkCrossDimensionRule } from '../../cooperations/cross-dimension-rule';
import type { NeedMatch, NetworkSignals, PartnerProfile } from '../matching.model';
import { networkSignals } from '../scoring';

/** What the history needs to know about a district: its key and its borough's key. */
export interface DistrictRef {
  key: string;
  boroughKey: string;
}

/**
 * The need matches of every pair, as the production full-text search finds them: seeker id →
 * candidate id → matches, each `direction` seen from the seeker. Offers and needs do not change in
 * the demo, so one index read from the graph serves every cut. Pairs without matches are absent.
 */
export type NeedIndex = ReadonlyMap<string, ReadonlyMap<string, readonly NeedMatch[]>>;

/** An unordered pair of partner ids, the smaller id first. */
export type Pair = readonly [string, string];

/**
 * The alliance as it stood the day before a cut: everything in it happened strictly before `cut`,
 * so a method that reads only this state cannot peek at what it is asked to predict.
 */
export interface HistoryState {
  /** The cut, `YYYY-MM-DD`: the first day that is *not* known. */
  cut: string;
  /** The candidate set (see {@link historyBefore}), sorted by id. */
  candidates: readonly PartnerProfile[];
  /** The candidates by id. */
  profiles: ReadonlyMap<string, PartnerProfile>;
  /**
   * The co-cooperation graph before the cut: id → ids of every partner it shared a cooperation
   * with. It spans all partners, also those who left since, because they did vouch for others then.
   */
  neighbours: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The need matches of the pairs (see {@link NeedIndex}); absent when the evaluation runs without
   * the full-text index, and then needFit is 0 for every pair.
   */
  needs?: NeedIndex;
}

/** A history state together with what happened in the window after its cut. */
export interface EvaluationSplit {
  state: HistoryState;
  /** End of the predicted window `[cut, until)`, exclusive. */
  until: string;
  /**
   * New pairs: both in the candidate set, not adjacent before the cut, and together in a
   * cooperation started in the window. Sorted.
   */
  newPairs: readonly Pair[];
  /** The new pairs that pass {@link checkCrossDimensionRule}; what the product aims to start. */
  crossDimensionPairs: readonly Pair[];
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The state of the alliance before `cut`.
 *
 * The candidate set is the partners whose status is ACTIVE *now* and who joined before the cut.
 * The generator records neither the day a partner paused nor the day it left, so "active at the
 * cut" cannot be reconstructed; taking today's ACTIVE partners slightly favours nobody (the
 * methods see the same set) and matches whom the API would suggest today.
 *
 * Profiles are as of the cut: sector, topics, engagements and district do not change in the demo,
 * `cooperationCount` counts cooperations started before the cut, `lastActiveOn` is the latest of
 * joining, those cooperations' starts and events attended before the cut. `community` is `null`:
 * no community detection runs on the history.
 * @param districts - the reference districts, for each partner's borough
 * @param needs - the pairs' need matches; static in the demo, so no leakage across the cut
 */
export function historyBefore(
  alliance: DemoAlliance,
  districts: readonly DistrictRef[],
  cut: string,
  needs?: NeedIndex,
): HistoryState {
  const before = alliance.cooperations.filter((c) => c.startedOn < cut);
  const candidates = alliance.partners
    .filter((p) => p.status === 'ACTIVE' && p.joinedOn < cut)
    .sort((a, b) => compareIds(a.id, b.id));
  const boroughs = new Map(districts.map((d) => [d.key, d.boroughKey]));
  const lastEvent = lastAttendedBefore(alliance, cut);
  const counts = new Map<string, { count: number; last: string }>();
  for (const c of before) {
    for (const { partnerId } of c.participants) {
      const entry = counts.get(partnerId) ?? { count: 0, last: '' };
      counts.set(partnerId, { count: entry.count + 1, last: maxDay(entry.last, c.startedOn) });
    }
  }
  const profiles = candidates.map((p): PartnerProfile => {
    const activity = counts.get(p.id);
    return {
      ...staticProfile(p, boroughs),
      cooperationCount: activity?.count ?? 0,
      lastActiveOn: maxDay(maxDay(p.joinedOn, activity?.last ?? ''), lastEvent.get(p.id) ?? ''),
    };
  });
  return {
    cut,
    candidates: profiles,
    profiles: new Map(profiles.map((p) => [p.id, p])),
    neighbours: coCooperationGraph(before),
    ...(needs ? { needs } : {}),
  };
}

/**
 * The history before `cut` and the pairs that formed in `[cut, until)`.
 * @param until - end of the window, exclusive, `YYYY-MM-DD`
 * @param needs - see {@link historyBefore}
 */
export function splitAt(
  alliance: DemoAlliance,
  districts: readonly DistrictRef[],
  cut: string,
  until: string,
  needs?: NeedIndex,
): EvaluationSplit {
  const state = historyBefore(alliance, districts, cut, needs);
  const newPairs = newPairsIn(alliance.cooperations, state, until);
  const crossDimensionPairs = newPairs.filter(([a, b]) => passesRule(state, a, b));
  return { state, until, newPairs, crossDimensionPairs };
}

/**
 * The signals of a pair on the graph before the cut, as the service computes them live: the
 * network signals and, when the state has a {@link NeedIndex}, the need matches seen from `a`.
 */
export function pairSignals(state: HistoryState, a: string, b: string): NetworkSignals {
  const left = state.neighbours.get(a) ?? EMPTY;
  const right = state.neighbours.get(b) ?? EMPTY;
  const common = [...left].filter((z) => right.has(z));
  const signals = networkSignals(common, (z) => state.neighbours.get(z)?.size ?? 0);
  const needMatches = state.needs?.get(a)?.get(b);
  return needMatches && needMatches.length > 0 ? { ...signals, needMatches } : signals;
}

/** Whether two partners cooperated before the cut. */
export function adjacentBefore(state: HistoryState, a: string, b: string): boolean {
  return state.neighbours.get(a)?.has(b) ?? false;
}

/**
 * Each partner's targets: seeker id → ids it formed a pair with. A pair counts for both ends,
 * because either of them could have been the one asking for suggestions.
 */
export function targetsBySeeker(pairs: readonly Pair[]): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const set = targets.get(from) ?? new Set<string>();
    set.add(to);
    targets.set(from, set);
  };
  for (const [a, b] of pairs) {
    add(a, b);
    add(b, a);
  }
  return targets;
}

/** Code-unit order of ids, independent of the runtime's locale. */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function staticProfile(
  p: DemoPartner,
  boroughs: ReadonlyMap<string, string>,
): Omit<PartnerProfile, 'cooperationCount' | 'lastActiveOn'> {
  return {
    id: p.id,
    sector: p.sector,
    districtKey: p.district,
    boroughKey: boroughs.get(p.district) ?? null,
    scope: p.scope,
    topics: [...p.topics],
    engagements: p.engagements.map((e) => ({ ...e })),
    community: null,
  };
}

function lastAttendedBefore(alliance: DemoAlliance, cut: string): Map<string, string> {
  const dates = new Map(alliance.events.map((e) => [e.id, e.date]));
  const last = new Map<string, string>();
  for (const { partnerId, eventId } of alliance.attendances) {
    const date = dates.get(eventId);
    if (date !== undefined && date < cut) {
      last.set(partnerId, maxDay(last.get(partnerId) ?? '', date));
    }
  }
  return last;
}

/** Partners are adjacent when they took part in the same cooperation, of any kind. */
function coCooperationGraph(cooperations: readonly DemoCooperation[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const c of cooperations) {
    for (const { partnerId: a } of c.participants) {
      const set = graph.get(a) ?? new Set<string>();
      c.participants.forEach(({ partnerId: b }) => b !== a && set.add(b));
      graph.set(a, set);
    }
  }
  return graph;
}

function newPairsIn(
  cooperations: readonly DemoCooperation[],
  state: HistoryState,
  until: string,
): Pair[] {
  const keys = new Set<string>();
  const pairs: Pair[] = [];
  for (const c of cooperations) {
    if (c.startedOn < state.cut || c.startedOn >= until) continue;
    const ids = c.participants.map((p) => p.partnerId).filter((id) => state.profiles.has(id));
    for (const [i, a] of ids.entries()) {
      for (const b of ids.slice(i + 1)) {
        const pair: Pair = compareIds(a, b) < 0 ? [a, b] : [b, a];
        const key = pair.join('|');
        if (a === b || adjacentBefore(state, a, b) || keys.has(key)) continue;
        keys.add(key);
        pairs.push(pair);
      }
    }
  }
  return pairs.sort((x, y) => compareIds(x[0], y[0]) || compareIds(x[1], y[1]));
}

function passesRule(state: HistoryState, a: string, b: string): boolean {
  const left = state.profiles.get(a);
  const right = state.profiles.get(b);
  if (!left || !right) return false;
  return checkCrossDimensionRule([left.engagements, right.engagements]) === null;
}

/** The later of two `YYYY-MM-DD` days; `''` stands for "none". */
function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}
