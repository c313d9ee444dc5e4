import { checkCrossDimensionRule } from '../../src/cooperations/cross-dimension-rule';
import type { AllianceNetwork, Actor } from './network';
import { PROCESS } from './parameters';
import type { Rng } from './rng';
import type { CooperationKind, CooperationStatus } from './types';

/** A cooperation before it has an id and a title. */
export interface CooperationDraft {
  kind: CooperationKind;
  status: CooperationStatus;
  startDay: number;
  endDay: number | null;
  funded: boolean;
  /** Partner indices, the lead first. */
  members: number[];
  dimensions: string[];
  /** Index of the ACTION_DAYS event draft it belongs to, or `null`. */
  partOf: number | null;
}

/** A funded cooperation waiting for its partners: kind, status and dates. */
export interface CooperationSlot {
  kind: 'DIVERSITY_COOPERATION' | 'NETWORK_PROJECT';
  status: 'ACTIVE' | 'ENDED';
  startDay: number;
  endDay: number | null;
}

/** How many attempts (each with a new lead) a group may take before the generator gives up. */
const MAX_LEAD_ATTEMPTS = 50;

/** The distinct dimensions of a group, sorted. */
export function unionDimensions(actors: readonly Actor[], members: readonly number[]): string[] {
  const keys = new Set<string>();
  for (const i of members) for (const e of (actors[i] as Actor).engagements) keys.add(e.dimension);
  return [...keys].sort();
}

/** How co-partners of a group are drawn. */
interface GroupRules {
  /** Extra pull towards partners of another sector. */
  otherSector: number;
  /** Whether a candidate may join the group as it stands. */
  valid: (group: number[], candidate: number) => boolean;
  /** Named in the error when no group can be formed. */
  what: string;
}

/**
 * A lead by preferential attachment, then co-partners by homophily until the group has `size`
 * members or no candidate is left; retried with another lead when fewer than two are found.
 *
 * @throws {Error} when no group of two can be formed (an alliance far too small for its figures)
 */
function formGroup(
  network: AllianceNetwork,
  rng: Rng,
  slot: CooperationSlot,
  size: number,
  rules: GroupRules,
): number[] {
  const requireActive = slot.status === 'ACTIVE';
  for (let attempt = 0; attempt < MAX_LEAD_ATTEMPTS; attempt += 1) {
    const lead = network.drawAttached(
      rng,
      slot.startDay,
      'cooperations',
      () => true,
      requireActive,
    );
    if (lead === undefined) continue;
    const group = [lead];
    while (group.length < size) {
      const next = network.drawCoPartner(rng, lead, group, slot.startDay, {
        otherSector: rules.otherSector,
        requireActive,
        valid: (candidate) => rules.valid(group, candidate),
      });
      if (next === undefined) break;
      group.push(next);
    }
    if (group.length >= 2) return group;
  }
  throw new Error(`could not form a ${rules.what} on day ${slot.startDay}; too few partners`);
}

/**
 * The partners of a diversity cooperation: each co-partner is accepted only if the group still
 * satisfies the cross-dimension rule (rejection sampling: the rule is a funding condition the
 * real projects had to meet, not a score).
 */
export function formDiversityGroup(
  network: AllianceNetwork,
  rng: Rng,
  slot: CooperationSlot,
): number[] {
  const size = rng.weightedIndex(PROCESS.diversitySizeWeights) + 2;
  const profile = (i: number) => (network.actors[i] as Actor).engagements;
  return formGroup(network, rng, slot, size, {
    otherSector: PROCESS.homophily.otherSector,
    valid: (group, candidate) =>
      checkCrossDimensionRule([...group, candidate].map(profile)) === null,
    what: 'diversity cooperation',
  });
}

/**
 * The partners of a network project: 3–6, with a stronger pull towards other sectors (networks
 * join civil society, business, politics and administration).
 */
export function formNetworkGroup(
  network: AllianceNetwork,
  rng: Rng,
  slot: CooperationSlot,
): number[] {
  const size = rng.int(PROCESS.networkSize.min, PROCESS.networkSize.max);
  return formGroup(network, rng, slot, size, {
    otherSector: PROCESS.networkOtherSector,
    valid: () => true,
    what: 'network project',
  });
}

/**
 * The dimensions a diversity cooperation addresses: a random subset of the partners' dimensions
 * with at least two (the rule guarantees the union has two).
 */
export function addressedDimensions(rng: Rng, union: readonly string[]): string[] {
  if (union.length <= 2) return [...union];
  const count = rng.int(2, Math.min(union.length, 4));
  return rng.shuffle(union).slice(0, count).sort();
}

/** Forms the group of a funded slot and returns its draft. */
export function fundedCooperation(
  network: AllianceNetwork,
  rng: Rng,
  slot: CooperationSlot,
): CooperationDraft {
  const diversity = slot.kind === 'DIVERSITY_COOPERATION';
  const members = diversity
    ? formDiversityGroup(network, rng, slot)
    : formNetworkGroup(network, rng, slot);
  const union = unionDimensions(network.actors, members);
  network.recordCooperation(members);
  return {
    kind: slot.kind,
    status: slot.status,
    startDay: slot.startDay,
    endDay: slot.endDay,
    funded: true,
    members,
    dimensions: diversity ? addressedDimensions(rng, union) : union,
    partOf: null,
  };
}
