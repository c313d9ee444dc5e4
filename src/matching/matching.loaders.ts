import DataLoader from 'dataloader';
import { perRequest } from '../context';
import type { MatchingService } from './matching.service';
import type { PartnerSuggestion } from './matching.types';

/** A key of the suggestions loader: whose suggestions, and how many. */
interface SuggestionKey {
  partnerId: string;
  first: number;
}

/**
 * The suggestions of many partners in one operation (`Partner.suggestions` under a list), for
 * the operation's caller and language. Keys with the same length are computed together, so any
 * number of partners costs two round trips.
 */
export function suggestionLoaders(matching: MatchingService) {
  return perRequest(({ user, language }) => ({
    partnerSuggestions: new DataLoader<SuggestionKey, PartnerSuggestion[], string>(
      async (keys) => {
        const lists = new Map<string, PartnerSuggestion[]>();
        for (const first of new Set(keys.map((k) => k.first))) {
          const ids = keys.filter((k) => k.first === first).map((k) => k.partnerId);
          const computed = await matching.suggestForPartners(ids, first, { user, language });
          ids.forEach((id, i) => lists.set(`${id}/${first}`, computed[i] ?? []));
        }
        return keys.map((k) => lists.get(`${k.partnerId}/${k.first}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.partnerId}/${key.first}` },
    ),
  }));
}

/** The suggestion loaders of one operation. */
export type SuggestionLoaders = ReturnType<ReturnType<typeof suggestionLoaders>>;
