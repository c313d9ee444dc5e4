import DataLoader from 'dataloader';
import { type PerRequest, perRequest } from '../context';
import type { CooperationLoaders } from '../cooperations/cooperation.loaders';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { ExchangeInterestRepository } from './exchange-interest.repository';
import type { ExchangeRepository } from './exchange.repository';
import type { ExchangeInterest, ExchangeMatch, Post } from './exchange.types';

/** The loaders the exchange reads through from other slices (partners, cooperations). */
export type ExchangeLoaders = PerRequest<
  Pick<PartnerLoaders, 'partner'> & Pick<CooperationLoaders, 'cooperation'>
>;

/** The exchange's own loaders, one set per operation. */
export interface OwnExchangeLoaders {
  post: DataLoader<string, Post | null>;
  match: DataLoader<string, ExchangeMatch | null>;
  /** Both interests of a match, the first-interested partner's first. */
  matchInterests: DataLoader<string, ExchangeInterest[]>;
}

/** Everything the exchange's nested fields read through. */
export type ExchangeReadLoaders = PerRequest<ReturnType<ExchangeLoaders> & OwnExchangeLoaders>;

/**
 * The exchange's loaders beside those of other slices: nested fields of a list (activity details,
 * matches, interests) cost one query per kind, not one per item (no N+1). Made once per
 * operation; a subscription's operation is one event (src/common/shared-subscribe.ts), so
 * nothing cached outlives the event it was read for.
 */
export function exchangeLoaders(
  external: ExchangeLoaders,
  exchanges: ExchangeRepository,
  interests: ExchangeInterestRepository,
): ExchangeReadLoaders {
  const own = perRequest((): OwnExchangeLoaders => ({
    post: new DataLoader((ids: readonly string[]) => exchanges.findPostsByIds(ids)),
    match: new DataLoader((ids: readonly string[]) => interests.findMatches(ids)),
    matchInterests: new DataLoader((ids: readonly string[]) =>
      interests.findInterestsOfMatches(ids),
    ),
  }));
  return perRequest((ctx) => ({ ...external(ctx), ...own(ctx) }));
}
