import { isSelfOrCoordinator } from '../auth/permissions';
import type { AuthUser } from '../auth/auth.types';
import type { Language } from '../common/language';
import { coveredDimensions } from '../cooperations/cross-dimension-rule';
import type { ScoredCandidate } from './matching.model';
import type { PartnerSuggestion, SuggestionFilter } from './matching.types';
import { explainPair, KEY_LABELS, type Labels, refName } from './reasons';
import { type CandidateFilter, labelKey, type ReferenceLabels, type Seeker } from './seeker';

/*
 * Translation between the API's shapes and the pipeline's: a request's filter and exclusions
 * into what the repository reads, a ranked candidate into the API's suggestion. No reads, no
 * scoring: the service calls these between its steps.
 */

/** Names keys from the graph's reference data, falling back to the key itself. */
export function labelsFrom(reference: ReferenceLabels): Labels {
  return (kind, key) => reference.get(labelKey(kind, key)) ?? KEY_LABELS(kind, key);
}

/** Turns a ranked candidate into the API's suggestion, with reasons in the caller's language. */
export function toSuggestion(
  seeker: Seeker,
  ranked: ScoredCandidate,
  labels: Labels,
  language: Language,
): PartnerSuggestion {
  const { candidate, signals } = ranked;
  const seekerDimensions = new Set(seeker.profile.engagements.map((e) => e.dimension));
  return {
    partnerId: candidate.id,
    score: ranked.score,
    components: ranked.components,
    reasons: explainPair(seeker.profile, candidate, signals, labels).map((reason) => ({
      code: reason.code,
      ref: reason.ref ?? null,
      refName: reason.ref === undefined ? null : refName(reason.code, reason.ref, labels, language),
      partnerIds: reason.partnerIds ?? [],
      text: reason.text[language],
    })),
    coveredDimensionKeys: coveredDimensions([seeker.profile.engagements, candidate.engagements]),
    addedDimensionKeys: coveredDimensions([candidate.engagements]).filter(
      (key) => !seekerDimensions.has(key),
    ),
  };
}

/**
 * Whom a seeker must never be offered. Dismissals are the partner's private preference: they
 * shape only the lists the partner itself and coordinators see, so that a public list does not
 * reveal whom a partner turned down.
 */
export function excludedFor(
  seeker: Seeker,
  filter: SuggestionFilter | null | undefined,
  user: AuthUser | null,
): string[] {
  const own = isSelfOrCoordinator(user, seeker.profile.id) ? seeker.dismissed : [];
  return [
    seeker.profile.id,
    ...seeker.former.map((f) => f.id),
    ...own,
    ...(filter?.excludeIds ?? []),
  ];
}

/** The repository's candidate filter for an API filter (`addsDimensions` → `dimensions`). */
export function candidateFilter(filter: SuggestionFilter | null | undefined): CandidateFilter {
  return {
    sectors: filter?.sectors,
    districts: filter?.districts,
    boroughs: filter?.boroughs,
    topics: filter?.topics,
    dimensions: filter?.addsDimensions,
    neverCooperated: filter?.neverCooperated,
  };
}
