import { type CooperationDraft, unionDimensions } from './cooperations';
import { affinity, type AllianceNetwork, Buckets } from './network';
import { PROCESS } from './parameters';
import type { ActionDaysPlan } from './plan';
import type { Rng } from './rng';

/** How long one year's einander.Aktionstage last. */
export const ACTION_DAYS_LENGTH = 16;

/** A set of partner indices with O(1) membership, removal and uniform draw. */
class IndexSet {
  private readonly items: number[];
  private readonly positions = new Map<number, number>();

  constructor(items: readonly number[]) {
    this.items = [...items];
    this.items.forEach((item, k) => this.positions.set(item, k));
  }

  get size(): number {
    return this.items.length;
  }

  has(item: number): boolean {
    return this.positions.has(item);
  }

  delete(item: number): void {
    const k = this.positions.get(item);
    if (k === undefined) return;
    const last = this.items.pop() as number;
    this.positions.delete(item);
    if (last !== item) {
      this.items[k] = last;
      this.positions.set(last, k);
    }
  }

  draw(rng: Rng): number | undefined {
    return this.items.length === 0 ? undefined : this.items[rng.int(0, this.items.length - 1)];
  }
}

/** One year's organiser pool while its events are being put together. */
interface Year {
  network: AllianceNetwork;
  rng: Rng;
  pool: number[];
  buckets: Buckets;
  unplaced: IndexSet;
}

/**
 * A co-organiser for an event: candidates from the lead's district, borough and topics within
 * the year's pool, plus random ones, weighed by affinity. `fresh` restricts the draw to pool
 * members without an event yet, so that every organiser of the pool gets one.
 */
function drawCoOrganiser(year: Year, group: readonly number[], fresh: boolean): number | undefined {
  const { rng, buckets, unplaced } = year;
  const lead = group[0] as number;
  const accept = (i: number) => !group.includes(i) && (!fresh || unplaced.has(i));
  const candidates = buckets.local(rng, lead, Infinity, accept);
  for (let k = 0; k < PROCESS.candidates.random; k += 1) {
    const i = fresh ? unplaced.draw(rng) : rng.pick(year.pool);
    if (i !== undefined && accept(i)) candidates.add(i);
  }
  const list = [...candidates];
  const { traits, cooperations } = year.network;
  const weights = list.map((c) =>
    affinity(rng, traits, cooperations, lead, c, PROCESS.homophily.otherSector),
  );
  const chosen = list[rng.weightedIndex(weights)];
  return chosen ?? (fresh ? unplaced.draw(rng) : undefined);
}

/** Event sizes 1–3, raised until the co-organiser seats can hold everyone of the pool. */
function drawSizes(rng: Rng, events: number, coOrganisers: number): number[] {
  const sizes = Array.from(
    { length: events },
    () => rng.weightedIndex(PROCESS.actionDayOrganiserWeights) + 1,
  );
  let seats = sizes.reduce((a, b) => a + b, 0) - events;
  const raise = (e: number) => {
    if ((sizes[e] ?? 3) >= 3) return;
    sizes[e] = (sizes[e] ?? 1) + 1;
    seats += 1;
  };
  for (let k = 0; seats < coOrganisers && k < events * 3; k += 1) raise(rng.int(0, events - 1));
  // Random raises can miss the last free seats; a sweep finds them.
  for (let e = 0; seats < coOrganisers && e < events; e += 1)
    while (seats < coOrganisers && (sizes[e] ?? 3) < 3) raise(e);
  return sizes;
}

/**
 * Fills the seats next to each lead: a seat goes to a pool member without an event yet with
 * probability (members without event) / (seats left), so that all of them get one by the last
 * seat; the other seats go to pool members by affinity (who then run two events).
 */
function seatCoOrganisers(year: Year, groups: number[][], sizes: readonly number[]): void {
  const { rng, unplaced } = year;
  let seats = sizes.reduce((a, b) => a + b, 0) - groups.length;
  for (const e of rng.shuffle(groups.map((_, k) => k))) {
    const group = groups[e] as number[];
    for (let seat = 1; seat < (sizes[e] ?? 1); seat += 1) {
      const fresh = unplaced.size > 0 && rng.float() * seats < unplaced.size;
      seats -= 1;
      const next = drawCoOrganiser(year, group, fresh);
      if (next === undefined) continue;
      group.push(next);
      unplaced.delete(next);
    }
  }
}

/**
 * One year of einander.Aktionstage: the year's organisers are a preferential-attachment sample of
 * the partners eligible at the start (weight 1 + prior cooperations, without replacement); the
 * first of them lead one event each, the others join events by homophily, and the remaining seats
 * go to organisers who run a second event. So the number of distinct organisers is exactly the
 * plan's, as is the number of events.
 *
 * @param partOf - index of the year's ACTION_DAYS event
 */
export function actionDayCooperations(
  network: AllianceNetwork,
  rng: Rng,
  plan: ActionDaysPlan,
  start: number,
  partOf: number,
): CooperationDraft[] {
  const eligible = network.eligibleOn(start);
  const organisers = Math.min(plan.organisers, eligible.length);
  const events = Math.min(plan.events, organisers);
  const pool = rng
    .weightedOrder(eligible, (i) => 1 + (network.cooperations[i] ?? 0))
    .slice(0, organisers);
  const sizes = drawSizes(rng, events, organisers - events);
  const year: Year = {
    network,
    rng,
    pool,
    buckets: new Buckets(network.traits, pool),
    unplaced: new IndexSet(pool.slice(events)),
  };
  const groups = pool.slice(0, events).map((lead) => [lead]);
  seatCoOrganisers(year, groups, sizes);
  const drafts = groups.map((members) => {
    const day = start + rng.int(0, ACTION_DAYS_LENGTH - 1);
    const dimensions = unionDimensions(network.actors, members);
    return {
      kind: 'ACTION_DAY_EVENT',
      status: 'ENDED',
      startDay: day,
      endDay: day,
      funded: false,
      members,
      dimensions,
      partOf,
    } satisfies CooperationDraft;
  });
  for (const draft of drafts) network.recordCooperation(draft.members);
  return drafts;
}
