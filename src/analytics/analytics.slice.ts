import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/tokens';
import type { PerRequest } from '../context';
import type { CypherExecutor } from '../db/executor';
import type { MatchingService } from '../matching/matching.service';
import type { SuggestionLoaders } from '../matching/matching.loaders';
import type { NetworkService } from '../network/network.service';
import type { OutreachLoaders } from '../outreach/outreach.loaders';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { Slice } from '../slice';
import { analyticsLoaders } from './analytics.loaders';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsResolver, InactivePartnerResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';
import { audienceRoutes } from './audience.routes';
import { GraphAnalyticsRepository } from './graph-analytics.repository';
import { GraphAnalyticsResolver, GraphPartnerResolver } from './graph-analytics.resolver';
import { GraphAnalyticsService } from './graph-analytics.service';

/** What the analytics slice is built from. */
export interface AnalyticsSliceDeps {
  executor: CypherExecutor;
  network: NetworkService;
  matching: MatchingService;
  partnerLoaders: PerRequest<Pick<PartnerLoaders, 'partner'>>;
  suggestionLoaders: PerRequest<SuggestionLoaders>;
  /** The latest outreach per partner, shown in the inactive list and the gaps' candidates. */
  outreachLoaders: PerRequest<OutreachLoaders>;
  /** Checks the bearer token of the audience export (coordinators only). */
  verifyToken: TokenVerifier;
  logger: Logger;
}

/** Coordinators' analytics: aggregates, coverage, graph gaps and the audience export. */
export function analyticsSlice(deps: AnalyticsSliceDeps): Slice {
  const { executor } = deps;
  const repository = new AnalyticsRepository(executor);
  const analytics = new AnalyticsService(repository);
  const loaders = analyticsLoaders(deps.matching, repository);
  const graphAnalytics = new GraphAnalyticsService(
    deps.network,
    deps.matching,
    new GraphAnalyticsRepository(executor),
  );
  return {
    name: 'analytics',
    resolvers: [
      new AnalyticsResolver(analytics),
      new InactivePartnerResolver(deps.suggestionLoaders, loaders, deps.outreachLoaders),
      new GraphAnalyticsResolver(graphAnalytics),
      new GraphPartnerResolver(deps.partnerLoaders, deps.outreachLoaders),
    ],
    routes: audienceRoutes(analytics, deps.verifyToken, deps.logger),
  };
}
