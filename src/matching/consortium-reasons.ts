import type { Language } from '../common/language';
import type { PoolMember } from './consortia';
import type { Labels } from './reasons';

/** What a consortium's reasons are written from. */
export interface ConsortiumFacts {
  members: readonly PoolMember[];
  covered: readonly string[];
  missing: readonly string[];
}

/**
 * Sentences on why a group fits together, each true of the given facts: the dimensions it covers
 * (and misses), the sectors it spans, the members who already share former partners, and a shared
 * borough. Fixed order, so the same group always reads the same.
 */
export function explainConsortium(
  { members, covered, missing }: ConsortiumFacts,
  labels: Labels,
  language: Language,
): string[] {
  const name = (kind: 'dimension' | 'sector' | 'borough', key: string) =>
    labels(kind, key)[language];
  const de = language === 'de';
  const list = (keys: readonly string[], kind: 'dimension' | 'sector') =>
    keys.map((k) => name(kind, k)).join(', ');
  const reasons = [
    de
      ? `Deckt gemeinsam die Dimensionen ${list(covered, 'dimension')} ab.`
      : `Covers the dimensions ${list(covered, 'dimension')} together.`,
  ];
  if (missing.length > 0) {
    reasons.push(
      de
        ? `Es fehlt noch: ${list(missing, 'dimension')}.`
        : `Still missing: ${list(missing, 'dimension')}.`,
    );
  }
  const sectors = [...new Set(members.map((m) => m.profile.sector))].sort();
  if (sectors.length > 1) {
    reasons.push(
      de
        ? `Verbindet die Sektoren ${list(sectors, 'sector')}.`
        : `Connects the sectors ${list(sectors, 'sector')}.`,
    );
  }
  const trusted = pairsWithCommonPartners(members);
  if (trusted > 0) {
    reasons.push(
      de
        ? `${trusted} Paar(e) der Gruppe haben schon gemeinsame Kooperationspartner.`
        : `${trusted} pair(s) of the group already share former cooperation partners.`,
    );
  }
  const boroughs = new Set(members.map((m) => m.profile.boroughKey));
  const [borough] = boroughs;
  if (boroughs.size === 1 && borough != null) {
    reasons.push(
      de
        ? `Alle sitzen im Stadtbezirk „${name('borough', borough)}“.`
        : `All are based in the borough “${name('borough', borough)}”.`,
    );
  }
  return reasons;
}

function pairsWithCommonPartners(members: readonly PoolMember[]): number {
  let pairs = 0;
  members.forEach((a, i) =>
    members.slice(i + 1).forEach((b) => {
      if ([...a.neighbours.keys()].some((id) => b.neighbours.has(id))) pairs++;
    }),
  );
  return pairs;
}
