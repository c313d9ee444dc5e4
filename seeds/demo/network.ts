import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import { PROCESS, REGIME_WEIGHTS, type RegimeWeights } from './parameters';
import type { Rng } from './rng';
import type { DemoRegime, PartnerStatus, Sector } from './types';

/** What the simulation knows of a partner (index = position in the partner list). */
export interface Actor {
  status: PartnerStatus;
  sector: Sector;
  district: string;
  borough: string;
  topics: readonly string[];
  engagements: readonly Engagement[];
  joinDay: number;
  /** First day the partner no longer takes part (paused or left); `Infinity` if never. */
  inactiveFrom: number;
  /** Never takes part in anything ("Mobilisierungspotential"). */
  dormant: boolean;
}

/** How co-partners choose each other, and what they offer and need (by partner index). */
export interface NetworkOptions {
  /** @default 'PLACE_AND_TOPIC' */
  regime?: DemoRegime;
  /** Bit masks of offered resource categories (seeds/demo/resources.ts); missing = none. */
  offered?: readonly number[];
  /** Bit masks of needed resource categories; missing = none. */
  needed?: readonly number[];
}

/** May never take part / may take part / may take part and is ACTIVE today. */
const NEVER = 0;
const MAY = 1;
const MAY_ACTIVE = 2;

/**
 * The partners' traits as flat arrays, with districts, boroughs and topics numbered as groups.
 * Draws look at these millions of times at 50k partners; typed arrays keep that fast.
 */
export class Traits {
  readonly count: number;
  readonly joinDay: Float64Array;
  readonly inactiveFrom: Float64Array;
  readonly state: Uint8Array;
  readonly sector: Uint8Array;
  readonly district: Int32Array;
  readonly borough: Int32Array;
  /** Group ids of partner i: its district, its borough, then its topics. */
  readonly groups: Int32Array[];
  readonly groupCount: number;
  /** Offered and needed resource categories as bit masks. */
  readonly offered: Int32Array;
  readonly needed: Int32Array;
  /** The co-partner weights of the regime. */
  readonly weights: RegimeWeights;

  constructor(actors: readonly Actor[], options: NetworkOptions = {}) {
    const n = actors.length;
    const ids = (values: string[]) => new Map([...new Set(values)].sort().map((v, k) => [v, k]));
    const districts = ids(actors.map((a) => a.district));
    const boroughs = ids(actors.map((a) => a.borough));
    const topics = ids(actors.flatMap((a) => a.topics));
    const sectors = ids(actors.map((a) => a.sector));
    this.count = n;
    this.joinDay = Float64Array.from(actors, (a) => a.joinDay);
    this.inactiveFrom = Float64Array.from(actors, (a) => a.inactiveFrom);
    this.state = Uint8Array.from(actors, (a) =>
      a.dormant || a.status === 'APPLIED' ? NEVER : a.status === 'ACTIVE' ? MAY_ACTIVE : MAY,
    );
    this.sector = Uint8Array.from(actors, (a) => sectors.get(a.sector) ?? 0);
    this.district = Int32Array.from(actors, (a) => districts.get(a.district) ?? 0);
    const boroughBase = districts.size;
    const topicBase = boroughBase + boroughs.size;
    this.borough = Int32Array.from(actors, (a) => boroughBase + (boroughs.get(a.borough) ?? 0));
    this.groups = actors.map((a, i) =>
      Int32Array.from([
        this.district[i] ?? 0,
        this.borough[i] ?? 0,
        ...a.topics.map((t) => topicBase + (topics.get(t) ?? 0)),
      ]),
    );
    this.groupCount = topicBase + topics.size;
    this.offered = Int32Array.from(actors, (_, i) => options.offered?.[i] ?? 0);
    this.needed = Int32Array.from(actors, (_, i) => options.needed?.[i] ?? 0);
    this.weights = REGIME_WEIGHTS[options.regime ?? 'PLACE_AND_TOPIC'];
  }

  /**
   * Offer–need fits of `a` and `b`: categories `a` needs and `b` offers plus categories `b` needs
   * and `a` offers (a mutual fit counts twice).
   */
  fits(a: number, b: number): number {
    const offersOfA = this.offered[a] ?? 0;
    const needsOfA = this.needed[a] ?? 0;
    return (
      bitCount(needsOfA & (this.offered[b] ?? 0)) + bitCount(offersOfA & (this.needed[b] ?? 0))
    );
  }

  /** Whether partner `i` can take part in something on `day`. */
  eligible(i: number, day: number, requireActive: boolean): boolean {
    const state = this.state[i] ?? NEVER;
    if (state === NEVER || (requireActive && state !== MAY_ACTIVE)) return false;
    return (this.joinDay[i] ?? Infinity) <= day && day < (this.inactiveFrom[i] ?? 0);
  }

  /** Whether partner `i` ever takes part in anything. */
  engageable(i: number): boolean {
    return this.state[i] !== NEVER;
  }

  /** Number of topics partners `a` and `b` share. */
  sharedTopics(a: number, b: number): number {
    const ga = this.groups[a] as Int32Array;
    const gb = this.groups[b] as Int32Array;
    let shared = 0;
    for (let x = 2; x < ga.length; x += 1) {
      for (let y = 2; y < gb.length; y += 1) if (ga[x] === gb[y]) shared += 1;
    }
    return shared;
  }
}

/** Number of set bits of a 32-bit integer. */
function bitCount(mask: number): number {
  let n = mask - ((mask >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Members of one group, ascending by join day, and their join days. */
interface Bucket {
  members: number[];
  days: number[];
}

/**
 * Partners grouped by district, borough and topic. Drawing co-partner candidates from the groups
 * the lead belongs to keeps a draw O(1) instead of O(partners).
 */
export class Buckets {
  private readonly buckets: Bucket[];
  /** NEEDS regime: per resource category, who offers it and who needs it; else empty. */
  private readonly offering: Bucket[] = [];
  private readonly needing: Bucket[] = [];
  /** BRIDGING regime: all members; else empty. */
  private readonly everyone: Bucket = { members: [], days: [] };

  /** @param members - partner indices, ascending by join day (the partner list is in that order) */
  constructor(
    readonly traits: Traits,
    members: readonly number[],
  ) {
    this.buckets = Array.from({ length: traits.groupCount }, () => ({ members: [], days: [] }));
    for (const i of members) {
      for (const g of traits.groups[i] as Int32Array) {
        const bucket = this.buckets[g] as Bucket;
        bucket.members.push(i);
        bucket.days.push(traits.joinDay[i] ?? 0);
      }
    }
    // The extra buckets of the other regimes; PLACE_AND_TOPIC builds and draws none of them.
    if (traits.weights.fitCandidates > 0) {
      for (const i of members) {
        add(this.offering, traits.offered[i] ?? 0, i, traits.joinDay[i] ?? 0);
        add(this.needing, traits.needed[i] ?? 0, i, traits.joinDay[i] ?? 0);
      }
    }
    if (traits.weights.otherDistrictCandidates > 0) {
      for (const i of members) {
        this.everyone.members.push(i);
        this.everyone.days.push(traits.joinDay[i] ?? 0);
      }
    }
  }

  /**
   * Up to `count` distinct members of group `g` who had joined by `day` and pass `accept`,
   * uniformly, with a bounded number of tries; appended to `found`.
   */
  sample(
    rng: Rng,
    g: number,
    day: number,
    count: number,
    accept: (i: number) => boolean,
    found: Set<number>,
  ): void {
    sampleBucket(rng, this.buckets[g], day, count, accept, found);
  }

  /**
   * Candidates for a partner of `lead`: a few from its district, its borough and each of its
   * topics (the counts of {@link PROCESS.candidates}); in the NEEDS regime also a few offerers of
   * each category it needs and seekers of each it offers; in BRIDGING a few from other districts.
   */
  local(rng: Rng, lead: number, day: number, accept: (i: number) => boolean): Set<number> {
    const per = PROCESS.candidates;
    const groups = this.traits.groups[lead] as Int32Array;
    const found = new Set<number>();
    groups.forEach((g, k) => {
      const count = k === 0 ? per.sameDistrict : k === 1 ? per.sameBorough : per.perTopic;
      this.sample(rng, g, day, count, accept, found);
    });
    const w = this.traits.weights;
    if (w.fitCandidates > 0) {
      const needs = this.traits.needed[lead] ?? 0;
      const offers = this.traits.offered[lead] ?? 0;
      for (let k = 0; k < 31; k += 1) {
        const bit = 1 << k;
        if (needs & bit) sampleBucket(rng, this.offering[k], day, w.fitCandidates, accept, found);
        if (offers & bit) sampleBucket(rng, this.needing[k], day, w.fitCandidates, accept, found);
      }
    }
    if (w.otherDistrictCandidates > 0) {
      const home = this.traits.district[lead];
      const away = (i: number) => this.traits.district[i] !== home && accept(i);
      sampleBucket(rng, this.everyone, day, w.otherDistrictCandidates, away, found);
    }
    return found;
  }
}

/** Appends `i` to the bucket of every category set in `mask`. */
function add(buckets: Bucket[], mask: number, i: number, day: number): void {
  for (let k = 0; mask >>> k !== 0 && k < 31; k += 1) {
    if (!(mask & (1 << k))) continue;
    const bucket = (buckets[k] ??= { members: [], days: [] });
    bucket.members.push(i);
    bucket.days.push(day);
  }
}

/**
 * Up to `count` distinct members of `bucket` who had joined by `day` and pass `accept`,
 * uniformly, with a bounded number of tries; appended to `found`.
 */
function sampleBucket(
  rng: Rng,
  bucket: Bucket | undefined,
  day: number,
  count: number,
  accept: (i: number) => boolean,
  found: Set<number>,
): void {
  if (!bucket) return;
  const n = joinedBy(bucket.days, day);
  let added = 0;
  for (let tries = 0; tries < count * 3 && added < count && n > 0; tries += 1) {
    const i = bucket.members[rng.int(0, n - 1)] as number;
    if (!found.has(i) && accept(i)) {
      found.add(i);
      added += 1;
    }
  }
}

/** How many of the ascending `days` are on or before `day` (binary search). */
export function joinedBy(days: readonly number[] | Float64Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a co-partner draw may take and how it weighs sector mixing. */
export interface CoPartnerOptions {
  /** Weight factor of a candidate from another sector than the lead's. */
  otherSector: number;
  /** Only partners with status ACTIVE (for cooperations that still run). */
  requireActive: boolean;
  /** A hard condition on the candidate (e.g. the cross-dimension rule); rejected ones are redrawn. */
  valid: (candidate: number) => boolean;
}

/**
 * The alliance while it is being simulated: who may take part when, and how many cooperations and
 * attendances each partner has had so far. Leads are drawn by preferential attachment, co-partners
 * by homophily; neither uses the matching score.
 */
export class AllianceNetwork {
  readonly traits: Traits;
  /** Prior cooperations per partner. */
  readonly cooperations: Int32Array;
  /** One entry per prior participation: drawing from it is drawing ∝ prior cooperations. */
  private readonly cooperationTickets: number[] = [];
  /** One entry per prior participation or attendance. */
  private readonly activityTickets: number[] = [];
  /** Partners who may ever take part, ascending by join day, and their join days. */
  private readonly engageable: number[];
  private readonly engageableDays: Float64Array;
  readonly buckets: Buckets;

  constructor(
    readonly actors: readonly Actor[],
    options: NetworkOptions = {},
  ) {
    this.traits = new Traits(actors, options);
    this.cooperations = new Int32Array(actors.length);
    this.engageable = actors.flatMap((_, i) => (this.traits.engageable(i) ? [i] : []));
    this.engageableDays = Float64Array.from(this.engageable, (i) => this.traits.joinDay[i] ?? 0);
    this.buckets = new Buckets(this.traits, this.engageable);
  }

  /** Whether partner `i` can take part in something on `day`. */
  eligible(i: number, day: number, requireActive = false): boolean {
    return this.traits.eligible(i, day, requireActive);
  }

  /** Partners who could take part on `day` (an upper bound: paused and left ones included). */
  joinedCount(day: number): number {
    return joinedBy(this.engageableDays, day);
  }

  /** All partners eligible on `day`, ascending by join day. O(partners): once per action-days year. */
  eligibleOn(day: number, requireActive = false): number[] {
    const n = this.joinedCount(day);
    return this.engageable.slice(0, n).filter((i) => this.eligible(i, day, requireActive));
  }

  /**
   * One eligible partner drawn with probability ∝ 1 + prior cooperations (or 1 + prior activity):
   * a uniform draw over "every joined partner once, plus one ticket per prior participation",
   * rejecting ineligible ones, which is exact and O(1) per try.
   */
  drawAttached(
    rng: Rng,
    day: number,
    by: 'cooperations' | 'activity',
    accept: (i: number) => boolean = () => true,
    requireActive = false,
  ): number | undefined {
    const n = this.joinedCount(day);
    const tickets = by === 'cooperations' ? this.cooperationTickets : this.activityTickets;
    const total = n + tickets.length;
    for (let tries = 0; tries < 400 && total > 0; tries += 1) {
      const r = rng.int(0, total - 1);
      const i = (r < n ? this.engageable[r] : tickets[r - n]) as number;
      if (this.eligible(i, day, requireActive) && accept(i)) return i;
    }
    return undefined;
  }

  /** One eligible partner drawn uniformly. */
  drawUniform(rng: Rng, day: number, accept: (i: number) => boolean): number | undefined {
    const n = this.joinedCount(day);
    for (let tries = 0; tries < 50 && n > 0; tries += 1) {
      const i = this.engageable[rng.int(0, n - 1)] as number;
      if (this.eligible(i, day) && accept(i)) return i;
    }
    return undefined;
  }

  /** Records a cooperation: each member gets a ticket for later draws. */
  recordCooperation(members: readonly number[]): void {
    for (const i of members) {
      this.cooperations[i] = (this.cooperations[i] ?? 0) + 1;
      this.cooperationTickets.push(i);
      this.activityTickets.push(i);
    }
  }

  /** Records an attendance at an event. */
  recordAttendance(i: number): void {
    this.activityTickets.push(i);
  }

  /**
   * Draws a co-partner for `lead`'s group on `day`: candidates come from the lead's district,
   * borough and topics (plus the regime's extra buckets, {@link Buckets.local}), by preferential
   * attachment and at random; each is weighed by {@link affinity}; a candidate that fails `valid`
   * is rejected and another one drawn.
   *
   * @returns `undefined` when three rounds of candidates bring no valid one
   */
  drawCoPartner(
    rng: Rng,
    lead: number,
    group: readonly number[],
    day: number,
    options: CoPartnerOptions,
  ): number | undefined {
    const open = (i: number) => !group.includes(i) && this.eligible(i, day, options.requireActive);
    for (let round = 0; round < 3; round += 1) {
      const candidates = [...this.candidates(rng, lead, day, open)];
      const weights = candidates.map((c) =>
        affinity(rng, this.traits, this.cooperations, lead, c, options.otherSector),
      );
      for (;;) {
        const k = rng.weightedIndex(weights);
        if (k < 0) break;
        const candidate = candidates[k] as number;
        if (options.valid(candidate)) return candidate;
        weights[k] = 0;
      }
    }
    return undefined;
  }

  private candidates(
    rng: Rng,
    lead: number,
    day: number,
    open: (i: number) => boolean,
  ): Set<number> {
    const found = this.buckets.local(rng, lead, day, open);
    for (let k = 0; k < PROCESS.candidates.attachment; k += 1) {
      const i = this.drawAttached(rng, day, 'cooperations', open);
      if (i !== undefined) found.add(i);
    }
    for (let k = 0; k < PROCESS.candidates.random; k += 1) {
      const i = this.drawUniform(rng, day, open);
      if (i !== undefined) found.add(i);
    }
    return found;
  }
}

/**
 * How much `candidate` attracts `lead`: shared topics, the same district or borough, another
 * sector, offer–need fits, prior cooperations (softened), times multiplicative noise; the factors
 * are the regime's ({@link REGIME_WEIGHTS}). Never the matching score.
 *
 * @param otherSector - the cooperation kind's factor for another sector (the regime may replace it)
 */
export function affinity(
  rng: Rng,
  traits: Traits,
  cooperations: Int32Array,
  lead: number,
  candidate: number,
  otherSector: number,
): number {
  const w = traits.weights;
  const shared = traits.sharedTopics(lead, candidate);
  const place =
    traits.district[lead] === traits.district[candidate]
      ? w.sameDistrict
      : traits.borough[lead] === traits.borough[candidate]
        ? w.sameBorough
        : w.elsewhere;
  const sector =
    traits.sector[lead] === traits.sector[candidate] ? 1 : (w.otherSector ?? otherSector);
  const attachment = Math.pow(
    1 + (cooperations[candidate] ?? 0),
    PROCESS.homophily.attachmentExponent,
  );
  const noise = rng.between(1 - PROCESS.homophily.noise, 1 + PROCESS.homophily.noise);
  const weight = attachment * (1 + w.perSharedTopic * shared) * place * sector * noise;
  // Multiplying by 1 changes no bit, but skipping it keeps the default regime's loop as it was.
  return w.perFit === 1 ? weight : weight * Math.pow(w.perFit, traits.fits(lead, candidate));
}
