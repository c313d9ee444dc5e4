import type { Language } from '../common/language';
import type { Steps } from '../common/time-slicer';
import { labelsFrom, toSuggestion } from './matching.mapping';
import type { PartnerProfile, ScoredCandidate } from './matching.model';
import type { PartnerSuggestion } from './matching.types';
import { type Candidate, pickTop, type RankOptions, scoreEligible } from './rank';
import { inCommunities, type RankingSnapshot, withCommunity } from './ranking-context';
import type { ReferenceLabels } from './seeker';

/*
 * The ranking of the matching service as steps of about a millisecond each (generators), so that
 * a `TimeSlicer` can run them between I/O on the event loop, or a worker thread can run them to
 * the end. The steps call the same pure functions as `rankCandidates`, in the same order, so the
 * lists are identical to it (test/unit/matching-ranking-steps.test.ts).
 */

/**
 * Candidates scored in one step: about 0.5 ms at the demo's profile sizes on the 2-core machine.
 * @default 64
 */
export const SCORE_CHUNK = 64;

/** One seeker's ranking, as read from the graph (profiles without their communities). */
export interface RankJob {
  seeker: PartnerProfile;
  candidates: readonly Candidate[];
  options: Omit<RankOptions, 'exposure'>;
  /** Whether the list is drawn from the whole alliance, so the exposure factors apply. */
  balanced: boolean;
}

/** What ranking needs besides the jobs: the snapshot, and for suggestions the labels and language. */
export interface SuggestionSetting {
  snapshot: RankingSnapshot;
  labels: ReferenceLabels;
  language: Language;
}

/** Runs steps to the end at once (in a worker thread, or where a list is tiny). */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Every eligible candidate of a job with its score, in input order (`scoreEligible` in the
 * snapshot's communities), a chunk per step.
 */
export function* scoreSteps(job: RankJob, snapshot: RankingSnapshot): Steps<ScoredCandidate[]> {
  const seeker = withCommunity(job.seeker, snapshot.communities);
  const scored: ScoredCandidate[] = [];
  for (let i = 0; i < job.candidates.length; i += SCORE_CHUNK) {
    const chunk = inCommunities(job.candidates.slice(i, i + SCORE_CHUNK), snapshot.communities);
    scored.push(...scoreEligible(seeker, chunk, job.options));
    yield;
  }
  return scored;
}

/** A job's ranked list, as `rankCandidates` gives it with the snapshot's communities and exposure. */
export function* rankSteps(job: RankJob, snapshot: RankingSnapshot): Steps<ScoredCandidate[]> {
  const scored = yield* scoreSteps(job, snapshot);
  yield;
  return pickTop(scored, {
    ...job.options,
    ...(job.balanced ? { exposure: snapshot.exposure } : {}),
  });
}

/** The suggestion lists of many jobs, with reasons in the setting's language; a list per job. */
export function* suggestionSteps(
  jobs: readonly RankJob[],
  { snapshot, labels, language }: SuggestionSetting,
): Steps<PartnerSuggestion[][]> {
  const named = labelsFrom(labels);
  const lists: PartnerSuggestion[][] = [];
  for (const job of jobs) {
    const ranked = yield* rankSteps(job, snapshot);
    yield;
    const seeker = { profile: withCommunity(job.seeker, snapshot.communities) };
    lists.push(ranked.map((r) => toSuggestion(seeker, r, named, language)));
    yield;
  }
  return lists;
}
