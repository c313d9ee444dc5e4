import type { PartnerScope } from '../../src/matching/matching.model';
import { PROCESS } from './parameters';
import type { Rng } from './rng';
import type { PartnerKind } from './types';

/** What a partner's scope is drawn from. */
export interface ScopeInput {
  kind: PartnerKind;
  /** The name drafting moved it to the city centre as a city-wide body. */
  central: boolean;
  /** Named as a city-wide body ("Jüdische Kultusgemeinde an Rhein und Neckar"). */
  cityWide?: boolean;
}

/**
 * Where a partner works: city-wide bodies (authorities, council factions, foundations, chambers
 * and unions, and whatever the name drafting moved to the centre as city-wide) are CITY; a share
 * of the schools, services, cultural institutions and clubs serve their whole borough
 * ({@link PROCESS.boroughScopeChance}); everyone else works in the neighbourhood. Draws only for
 * kinds with a borough chance. A body named after the city (`cityWide`) is CITY as well.
 */
export function drawScope(rng: Rng, input: ScopeInput): PartnerScope {
  if (input.central || PROCESS.cityWideKinds.includes(input.kind)) return 'CITY';
  const chance = PROCESS.boroughScopeChance[input.kind] ?? 0;
  // Drawn before the city-wide name is looked at, so that the partners after keep their scopes.
  const borough = chance > 0 && rng.chance(chance);
  if (input.cityWide) return 'CITY';
  return borough ? 'BOROUGH' : 'NEIGHBOURHOOD';
}
