import type { PartnerScope } from '../../src/matching/matching.model';
import { PROCESS } from './parameters';
import type { Rng } from './rng';
import type { PartnerKind } from './types';

/** What a partner's scope is drawn from. */
export interface ScopeInput {
  kind: PartnerKind;
  /** The name drafting moved it to the city centre as a city-wide body. */
  central: boolean;
}

/**
 * Where a partner works: city-wide bodies (authorities, council factions, foundations, chambers
 * and unions, and whatever the name drafting moved to the centre as city-wide) are CITY; a share
 * of the schools, services, cultural institutions and clubs serve their whole borough
 * ({@link PROCESS.boroughScopeChance}); everyone else works in the neighbourhood. Draws only for
 * kinds with a borough chance.
 */
export function drawScope(rng: Rng, input: ScopeInput): PartnerScope {
  if (input.central || PROCESS.cityWideKinds.includes(input.kind)) return 'CITY';
  const chance = PROCESS.boroughScopeChance[input.kind] ?? 0;
  return chance > 0 && rng.chance(chance) ? 'BOROUGH' : 'NEIGHBOURHOOD';
}
