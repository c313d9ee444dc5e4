import type { Logger } from 'pino';
import { analyticsSlice } from './analytics/analytics.slice';
import { auditSlice } from './audit/audit.slice';
import type { TokenRevocations } from './auth/token-revocations';
import type { TokenVerifier } from './auth/tokens';
import { cooperationsSlice } from './cooperations/cooperation.slice';
import { CooperationRepository } from './cooperations/cooperation.repository';
import type { CypherExecutor } from './db/executor';
import { dimensionsSlice } from './dimensions/dimension.slice';
import { DimensionRepository } from './dimensions/dimension.repository';
import { districtsSlice } from './districts/district.slice';
import { DistrictRepository } from './districts/district.repository';
import { eventsSlice } from './events/event.slice';
import { EventRepository } from './events/event.repository';
import { exchangeSlice } from './exchange/exchange.slice';
import { matchingSlice } from './matching/matching.slice';
import { networkSlice } from './network/network.slice';
import { PartnerDepartures } from './partners/partner-departures';
import { partnersSlice } from './partners/partner.slice';
import { PartnerRepository } from './partners/partner.repository';
import type { Slice } from './slice';
import { topicsSlice } from './topics/topic.slice';
import { TopicRepository } from './topics/topic.repository';

/** The settings slices read (from {@link AppConfig}). */
export interface SliceSettings {
  /** `APPLY_RATE_LIMIT_PER_HOUR`: membership applications per client address and hour. */
  applyRateLimitPerHour: number;
  /** `REDIS_URL`: set, rate limits and exchange events are shared by all replicas. */
  redisUrl: string | undefined;
}

/** What the slices are built from. */
export interface SliceDeps {
  executor: CypherExecutor;
  settings: SliceSettings;
  verifyToken: TokenVerifier;
  /** Where the partners slice announces ended tokens (the WebSocket policy listens). */
  tokenRevocations: TokenRevocations;
  logger: Logger;
}

/**
 * The composition root: builds every slice in dependency order, each from the collaborators it
 * uses. The repositories of the core graph (partners, cooperations, dimensions, …) are shared
 * because several slices' loaders read through them; everything else a slice builds itself.
 * Adding a slice is one line here.
 */
export function createSlices(deps: SliceDeps): Slice[] {
  const { executor, settings, verifyToken, logger } = deps;
  const partners = new PartnerRepository(executor);
  const cooperations = new CooperationRepository(executor);
  const topics = new TopicRepository(executor);
  const events = new EventRepository(executor);
  const departures = new PartnerDepartures(logger);
  const partnerSlice = partnersSlice({
    executor,
    repositories: { partners, topics, events, cooperations },
    applyRateLimit: {
      perHour: settings.applyRateLimitPerHour,
      redisUrl: settings.redisUrl,
      logger,
    },
    tokenRevocations: deps.tokenRevocations,
    departures,
  });
  const dimensions = dimensionsSlice({
    dimensions: new DimensionRepository(executor),
    partners,
    cooperations,
  });
  const cooperation = cooperationsSlice({
    executor,
    cooperations,
    partnerLoaders: partnerSlice.loaders,
  });
  const matching = matchingSlice({
    executor,
    partnerLoaders: partnerSlice.loaders,
    dimensionLoaders: dimensions.loaders,
  });
  const network = networkSlice(executor, logger);
  return [
    dimensions,
    topicsSlice(topics),
    districtsSlice({ districts: new DistrictRepository(executor), partners }),
    partnerSlice,
    cooperation,
    eventsSlice(events),
    auditSlice(executor),
    matching,
    network,
    analyticsSlice({
      executor,
      network: network.network,
      matching: matching.matching,
      partnerLoaders: partnerSlice.loaders,
      suggestionLoaders: matching.loaders,
      verifyToken,
      logger,
    }),
    exchangeSlice({
      executor,
      matching: matching.matching,
      loaders: (ctx) => ({
        partner: partnerSlice.loaders(ctx).partner,
        cooperation: cooperation.loaders(ctx).cooperation,
      }),
      departures,
      redisUrl: settings.redisUrl,
      logger,
    }),
  ];
}

/** Ends what the slices hold open, in reverse order of building (dependents first). */
export async function closeSlices(slices: readonly Slice[]): Promise<void> {
  for (const slice of [...slices].reverse()) await slice.close?.();
}
