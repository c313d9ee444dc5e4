import { isSelfOrCoordinator } from '../auth/permissions';
import type { AuthUser } from '../auth/auth.types';
import { assertIntInRange, assertKey } from '../common/checks';
import { ErrorCode, userError } from '../common/errors';
import type { Weights } from './matching.model';
import { COMPONENT_NAMES } from './matching.model';
import type { SuggestionFilter, WeightsInput } from './matching.types';
import { DEFAULT_WEIGHTS, validateWeights } from './scoring';
import type { Seeker } from './seeker';

/*
 * The matching's argument checks and domain refusals, in one place so the service reads as the
 * steps of a request. Shapes (ids, keys, integer ranges) go through src/common/checks.ts; what is
 * left here are the rules only the matching knows.
 */

/** The longest suggestion list one request may ask for. */
export const MAX_SUGGESTIONS = 50;
/** The most ids `filter.excludeIds` may hold. */
export const MAX_EXCLUDED_IDS = 100;

/** What a list of suggestions is asked with. */
export interface SuggestionRequest {
  first: number;
  filter?: SuggestionFilter | null;
  weights?: WeightsInput | null;
}

/** The arguments of `suggestedConsortia`. */
export interface ConsortiumArgs {
  dimensions: string[];
  size: number;
  including?: string | null;
  first: number;
  /** Weights of the pair scores; omitted ones keep their defaults. */
  weights?: WeightsInput | null;
}

/** Bounds of `suggestedConsortia`'s arguments. */
export const CONSORTIUM_LIMITS = {
  minSize: 3,
  maxSize: 5,
  maxFirst: 20,
  minDimensions: 2,
} as const;

/**
 * Merges a client's weights over {@link DEFAULT_WEIGHTS}: an omitted weight keeps its default, so
 * a client can stress one component without restating the others.
 * @throws BAD_USER_INPUT for a negative or non-finite weight, or when all are zero
 */
export function resolveWeights(input: WeightsInput | null | undefined): Weights {
  const weights = Object.fromEntries(
    COMPONENT_NAMES.map((name) => [name, input?.[name] ?? DEFAULT_WEIGHTS[name]]),
  ) as Weights;
  const problems = validateWeights(weights);
  if (problems.length > 0) {
    throw userError(ErrorCode.BAD_USER_INPUT, problems.join('; '), { argument: 'weights' });
  }
  return weights;
}

/**
 * Checks the list length and the filter's keys and ids.
 * @throws BAD_USER_INPUT naming the argument
 */
export function assertSuggestionRequest({ first, filter }: SuggestionRequest): void {
  assertIntInRange('first', first, 1, MAX_SUGGESTIONS);
  for (const name of ['districts', 'boroughs', 'topics', 'addsDimensions'] as const) {
    filter?.[name]?.forEach((key) => assertKey(`filter.${name}`, key));
  }
  const excluded = filter?.excludeIds?.length ?? 0;
  if (excluded > MAX_EXCLUDED_IDS) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected at most ${MAX_EXCLUDED_IDS} filter.excludeIds, got ${excluded}`,
      { argument: 'filter.excludeIds' },
    );
  }
}

/**
 * Checks the consortium arguments. The range messages of `size` and `first` keep their own
 * wording ("expected size between 3 and 5, got 6") rather than {@link assertIntInRange}'s, so
 * clients see the same messages as before; the first problem found is the one reported.
 * @throws BAD_USER_INPUT naming the argument
 */
export function assertConsortiumArgs({ dimensions, size, first }: ConsortiumArgs): void {
  const { minSize, maxSize, maxFirst, minDimensions } = CONSORTIUM_LIMITS;
  dimensions.forEach((key) => assertKey('dimensions', key));
  const distinct = new Set(dimensions).size;
  const problems: [string, string][] = [];
  if (distinct < minDimensions || distinct !== dimensions.length) {
    problems.push([
      'dimensions',
      `expected at least ${minDimensions} distinct dimensions, got ${dimensions.join(', ') || 'none'}`,
    ]);
  }
  if (!Number.isInteger(size) || size < minSize || size > maxSize) {
    problems.push(['size', `expected size between ${minSize} and ${maxSize}, got ${size}`]);
  }
  if (!Number.isInteger(first) || first < 1 || first > maxFirst) {
    problems.push(['first', `expected first between 1 and ${maxFirst}, got ${first}`]);
  }
  const [problem] = problems;
  if (problem) throw userError(ErrorCode.BAD_USER_INPUT, problem[1], { argument: problem[0] });
}

/**
 * Refuses dimensions the graph's reference data does not know: a well-formed but unknown key
 * would otherwise yield an empty search that looks like "no partners".
 * @param isKnown - whether the reference data holds a dimension key
 * @throws BAD_USER_INPUT listing the unknown keys
 */
export function assertKnownDimensions(
  dimensions: readonly string[],
  isKnown: (key: string) => boolean,
): void {
  const unknown = dimensions.filter((key) => !isKnown(key));
  if (unknown.length > 0) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected known dimensions, got ${unknown.join(', ')}`,
      { argument: 'dimensions' },
    );
  }
}

/**
 * Refuses suggestions for unknown and inactive partners, and unanswerable `addsDimensions`.
 * @param argument - the argument that named the partner, for `extensions.argument`
 * @throws NOT_FOUND for an unknown partner; BAD_USER_INPUT for a partner that is not ACTIVE or
 *   for `addsDimensions` it already covers
 */
export function assertSeeker(
  seeker: Seeker | null,
  partnerId: string,
  filter: SuggestionFilter | null | undefined,
  argument = 'partnerId',
): asserts seeker is Seeker {
  if (seeker === null) {
    throw userError(ErrorCode.NOT_FOUND, `expected partner ${partnerId} to exist`, { argument });
  }
  if (seeker.status !== 'ACTIVE') {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected an ACTIVE partner, got ${partnerId} with status ${seeker.status}`,
      { argument, status: seeker.status },
    );
  }
  const covered = new Set(seeker.profile.engagements.map((e) => e.dimension));
  const known = filter?.addsDimensions?.filter((key) => covered.has(key)) ?? [];
  if (known.length > 0) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.addsDimensions to be dimensions ${partnerId} does not cover yet, got ${known.join(', ')}`,
      { argument: 'filter.addsDimensions' },
    );
  }
}

/**
 * Who may dismiss or restore a suggestion: the partner itself or a coordinator, and never for
 * the partner itself as candidate.
 * @throws UNAUTHENTICATED without a user, FORBIDDEN for anyone else, BAD_USER_INPUT when
 *   `candidateId` is `partnerId`
 */
export function assertMayDismiss(
  user: AuthUser | null,
  partnerId: string,
  candidateId: string,
): asserts user is AuthUser {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  if (!isSelfOrCoordinator(user, partnerId)) {
    throw userError(ErrorCode.FORBIDDEN, 'Only the partner itself or a coordinator may do this.');
  }
  if (partnerId === candidateId) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'expected candidateId to be another partner', {
      argument: 'candidateId',
    });
  }
}
