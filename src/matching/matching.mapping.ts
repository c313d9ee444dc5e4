import { isSelfOrCoordinator } from '../auth/permissions';
import type { AuthUser } from '../auth/auth.types';
import type { Language } from '../common/language';
import { coveredDimensions } from '../cooperations/cross-dimension-rule';
import type { PartnerProfile, ScoredCandidate } from './matching.model';
import type {
  PartnerSuggestion,
  SuggestionFilter,
  SuggestionLevel,
  SuggestionReason,
} from './matching.types';
import { scoreLevel } from './scoring';
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

/** The reasons for a pair as the API gives them, in the caller's language. */
export function toReasons(
  seeker: PartnerProfile,
  { candidate, signals }: Pick<ScoredCandidate, 'candidate' | 'signals'>,
  labels: Labels,
  language: Language,
): SuggestionReason[] {
  return explainPair(seeker, candidate, signals, labels).map((reason) => ({
    code: reason.code,
    ref: reason.ref ?? null,
    refName: reason.ref === undefined ? null : refName(reason.code, reason.ref, labels, language),
    partnerIds: reason.partnerIds ?? [],
    quote: reason.quote ?? null,
    text: reason.text[language],
  }));
}

/** Turns a ranked candidate into the API's suggestion, with reasons in the caller's language. */
export function toSuggestion(
  seeker: Pick<Seeker, 'profile'>,
  ranked: ScoredCandidate,
  labels: Labels,
  language: Language,
): PartnerSuggestion {
  const { candidate } = ranked;
  const seekerDimensions = new Set(seeker.profile.engagements.map((e) => e.dimension));
  return {
    partnerId: candidate.id,
    score: ranked.score,
    level: scoreLevel(ranked.score) as SuggestionLevel,
    components: ranked.components,
    reasons: toReasons(seeker.profile, ranked, labels, language),
    coveredDimensionKeys: coveredDimensions([seeker.profile.engagements, candidate.engagements]),
    addedDimensionKeys: coveredDimensions([candidate.engagements]).filter(
      (key) => !seekerDimensions.has(key),
    ),
  };
}

/**
 * Whom a seeker must never be offered. Dismissals (and NOT_A_FIT outcomes) and planned pairs
 * (COOPERATION_PLANNED outcomes) are the partner's private knowledge: they shape only the lists
 * the partner itself and coordinators see, so that a public list does not reveal whom a partner
 * turned down or is about to cooperate with.
 */
export function excludedFor(
  seeker: Seeker,
  filter: SuggestionFilter | null | undefined,
  user: AuthUser | null,
): string[] {
  const own = isSelfOrCoordinator(user, seeker.profile.id)
    ? [...seeker.dismissed, ...seeker.planned]
    : [];
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
