import DataLoader from 'dataloader';
import { perRequest } from '../context';
import { CooperationKind } from '../cooperations/cooperation.types';
import { MAX_SUGGESTIONS } from '../matching/matching.checks';
import type { MatchingService } from '../matching/matching.service';
import type { PartnerSuggestion } from '../matching/matching.types';
import type { AnalyticsRepository } from './analytics.repository';
import { chooseBuddy } from './buddies';

/** A chosen buddy: the matching's suggestion and the candidate's cooperations. */
export interface BuddyData {
  suggestion: PartnerSuggestion;
  cooperations: number;
}

/**
 * The buddies of a page of inactive partners in one batch: one matching call for every partner
 * of the page ({@link MAX_SUGGESTIONS} suggestions each), then one read of the candidates'
 * experience — so a page of 40 costs as many round trips as a page of 4. PAUSED partners get no
 * suggestions from the matching, hence no buddy.
 */
export function analyticsLoaders(matching: MatchingService, repository: AnalyticsRepository) {
  return perRequest(({ user, language }) => ({
    buddy: new DataLoader<string, BuddyData | null>(async (ids) => {
      const lists = await matching.suggestForPartners(ids, MAX_SUGGESTIONS, { user, language });
      const candidates = [...new Set(lists.flat().map((s) => s.partnerId))];
      const experience = await repository.experience(candidates, Object.values(CooperationKind));
      return lists.map((suggestions) => {
        const chosen = chooseBuddy(suggestions, experience);
        return chosen
          ? { suggestion: chosen, cooperations: experience.get(chosen.partnerId) ?? 0 }
          : null;
      });
    }),
  }));
}

/** The analytics loaders of one operation. */
export type AnalyticsLoaders = ReturnType<ReturnType<typeof analyticsLoaders>>;
