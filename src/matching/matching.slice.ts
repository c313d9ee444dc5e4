import type { Logger } from 'pino';
import { type PerRequest, perRequest } from '../context';
import type { CypherExecutor } from '../db/executor';
import type { CooperationLoaders } from '../cooperations/cooperation.loaders';
import type { DimensionLoaders } from '../dimensions/dimension.loaders';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { Slice } from '../slice';
import { type SuggestionLoaders, suggestionLoaders } from './matching.loaders';
import { MatchingRepository } from './matching.repository';
import {
  ConsortiumResolver,
  PairExplanationResolver,
  PairRuleCheckResolver,
  PartnerSuggestionsResolver,
  SuggestionReasonResolver,
  SuggestionResolver,
  type SuggestionsViewed,
} from './matching.resolver';
import { MatchingService } from './matching.service';
import { type Ranker, SlicedRanker } from './ranker';
import { RankingWorkerPool } from './ranking.pool';
import { type CommunitySource, RankingContext, type RankingSnapshot } from './ranking-context';

/** What the matching slice is built from. */
export interface MatchingSliceDeps {
  executor: CypherExecutor;
  partnerLoaders: PerRequest<Pick<PartnerLoaders, 'partner'>>;
  dimensionLoaders: PerRequest<Pick<DimensionLoaders, 'dimension'>>;
  cooperationLoaders: PerRequest<Pick<CooperationLoaders, 'cooperation'>>;
  logger: Logger;
  /** The communities of the co-cooperation graph (the network slice's), for bridging. */
  communities: CommunitySource;
  /** Told when a partner reads its own suggestions (the outcomes slice's funnel counter). */
  onSuggestionsViewed?: SuggestionsViewed;
  /**
   * Worker threads that rank (`MATCHING_WORKERS`); 0 ranks in slices on the event loop.
   * @default 1
   */
  workers?: number;
}

/** The matching slice, with the service and loaders the exchange and analytics build on. */
export interface MatchingSlice extends Slice {
  matching: MatchingService;
  loaders: PerRequest<SuggestionLoaders>;
}

/** Partner suggestions for new cross-dimension cooperations, and consortia for a project. */
export function matchingSlice(deps: MatchingSliceDeps): MatchingSlice {
  const repository = new MatchingRepository(deps.executor);
  const workers = deps.workers ?? 1;
  // Worker threads keep ranking off the event loop; slices are the fallback (docs/performance.md).
  const ranker: Ranker = workers > 0 ? new RankingWorkerPool(workers) : new SlicedRanker();
  // One snapshot object per refresh, so the pool sends its communities to a worker once.
  let scoring: RankingSnapshot | undefined;
  const context = new RankingContext(repository, {
    communities: deps.communities,
    logger: deps.logger,
    score: (seeker, candidates, options, communities) => {
      if (scoring?.communities !== communities) scoring = { exposure: new Map(), communities };
      const job = { seeker, candidates, options: { ...options, k: 0 }, balanced: false };
      return ranker.scoreAll(job, scoring);
    },
  });
  const matching = new MatchingService(repository, deps.executor, context, ranker);
  const loaders = suggestionLoaders(matching);
  // Once per operation: resolvers ask for the loaders once per field, thousands of times in a
  // list of partners with their suggestions.
  const fieldLoaders = perRequest((ctx) => ({
    ...loaders(ctx),
    partner: deps.partnerLoaders(ctx).partner,
    dimension: deps.dimensionLoaders(ctx).dimension,
    cooperation: deps.cooperationLoaders(ctx).cooperation,
  }));
  return {
    name: 'matching',
    resolvers: [
      new SuggestionResolver(matching, fieldLoaders, deps.onSuggestionsViewed),
      new SuggestionReasonResolver(fieldLoaders),
      new PartnerSuggestionsResolver(fieldLoaders, deps.onSuggestionsViewed),
      new ConsortiumResolver(matching, fieldLoaders),
      new PairExplanationResolver(fieldLoaders),
      new PairRuleCheckResolver(fieldLoaders),
    ],
    matching,
    loaders,
    close: () => ranker.close(),
    warmUp: async () => {
      await context.current();
    },
  };
}
