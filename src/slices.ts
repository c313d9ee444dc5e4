import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { analyticsSlice } from './analytics/analytics.slice';
import { auditSlice } from './audit/audit.slice';
import type { TokenRevocations } from './auth/token-revocations';
import type { TokenVerifier } from './auth/tokens';
import { contactsSlice } from './contacts/contact-request.slice';
import type { ContactRequestSettings } from './contacts/contact-request.service';
import { cooperationsSlice } from './cooperations/cooperation.slice';
import type { ProposalSettings } from './cooperations/proposal-settings';
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
import type { DeliverySettings } from './notifications/delivery-settings';
import { notificationsSlice } from './notifications/notification.slice';

import { outcomesSlice } from './outcomes/outcome.slice';
import { outreachSlice } from './outreach/outreach.slice';
import { PartnerDepartures } from './partners/partner-departures';
import { partnersSlice } from './partners/partner.slice';
import { PartnerRepository } from './partners/partner.repository';
import { CompiledReads, type CompiledReadsOptions } from './reads/compiled-reads';
import type { Slice } from './slice';
import { cooperationReadModel, cooperationRoots } from './cooperations/cooperation.reads';
import { dimensionReadModel, dimensionRoots } from './dimensions/dimension.reads';
import { districtReadModel, districtRoots } from './districts/district.reads';
import { eventReadModel, eventRoots } from './events/event.reads';
import { partnerReadModel, partnerRoots } from './partners/partner.reads';
import { topicReadModel } from './topics/topic.reads';
import { topicsSlice } from './topics/topic.slice';
import { TopicRepository } from './topics/topic.repository';

/** The settings slices read (from {@link AppConfig}). */
export interface SliceSettings {
  /** `APPLY_RATE_LIMIT_PER_HOUR`: membership applications per client address and hour. */
  applyRateLimitPerHour: number;
  /** `REDIS_URL`: set, rate limits and exchange events are shared by all replicas. */
  redisUrl: string | undefined;
  /** `READ_COMPILER`: plain reads in one compiled statement per root field. */
  readCompiler: boolean;
  /** `SMTP_URL`, `MAIL_FROM`, `PUBLIC_URL`, `NOTIFY_*`: how notifications are delivered. */
  notifications: DeliverySettings;

  /** `PROPOSAL_TTL`, `PROPOSAL_SWEEP_MS`: how long proposals live, how often expiry runs. */
  proposals?: ProposalSettings;
  /** `CONTACT_REQUESTS_OPEN_MAX`, `CONTACT_REQUEST_COOLDOWN_DAYS`: limits of contact requests. */
  contactRequests: ContactRequestSettings;
  /** `MATCHING_WORKERS`: threads that rank suggestions; 0 ranks in slices on the event loop. */
  matchingWorkers?: number;
}

/** What the slices are built from. */
export interface SliceDeps {
  executor: CypherExecutor;
  settings: SliceSettings;
  verifyToken: TokenVerifier;
  /** Where the partners slice announces ended tokens (the WebSocket policy listens). */
  tokenRevocations: TokenRevocations;
  logger: Logger;
  /** Counts how root read fields were served (compiled or not). */
  countRead?: CompiledReadsOptions['count'];
  /** The app's Prometheus registry, for slices with metrics of their own (notifications). */
  metricsRegistry?: Registry;
}

/**
 * The compiled reads over every slice's read model: a type or root field a slice wants compiled
 * is one entry of its `x.reads.ts` and one name here.
 */
function compiledReads(deps: SliceDeps): CompiledReads {
  return new CompiledReads({
    executor: deps.executor,
    enabled: deps.settings.readCompiler,
    count: deps.countRead,
    model: {
      ...partnerReadModel,
      ...cooperationReadModel,
      ...dimensionReadModel,
      ...districtReadModel,
      ...eventReadModel,
      ...topicReadModel,
    },
    roots: {
      ...partnerRoots,
      ...cooperationRoots,
      ...dimensionRoots,
      ...districtRoots,
      ...eventRoots,
    },
  });
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
  const reads = compiledReads(deps);
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
    reads,
  });
  const dimensions = dimensionsSlice(
    { dimensions: new DimensionRepository(executor), partners, cooperations },
    reads,
  );
  const cooperation = cooperationsSlice({
    executor,
    cooperations,
    partnerLoaders: partnerSlice.loaders,
    reads,
    proposals: settings.proposals,
    logger,
  });
  const network = networkSlice(executor, logger);
  const outcomes = outcomesSlice({ executor, logger, departures });
  const outreach = outreachSlice({ executor, departures });
  const matching = matchingSlice({
    executor,
    partnerLoaders: partnerSlice.loaders,
    dimensionLoaders: dimensions.loaders,
    cooperationLoaders: cooperation.loaders,
    logger,
    communities: () => network.network.partnerCommunities(),
    onSuggestionsViewed: outcomes.suggestionsViewed,
    workers: settings.matchingWorkers,
  });
  return [
    dimensions,
    topicsSlice(topics),
    districtsSlice({ districts: new DistrictRepository(executor), partners }, reads),
    partnerSlice,
    cooperation,
    eventsSlice(events, reads),
    auditSlice(executor),
    matching,
    outcomes,
    outreach,
    network,
    analyticsSlice({
      executor,
      network: network.network,
      matching: matching.matching,
      partnerLoaders: partnerSlice.loaders,
      suggestionLoaders: matching.loaders,
      outreachLoaders: outreach.loaders,
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
      proposals: cooperation.creation,
      redisUrl: settings.redisUrl,
      logger,
    }),
    notificationsSlice({
      executor,
      settings: settings.notifications,
      logger,
      departures,
      registry: deps.metricsRegistry,
    }),
    contactsSlice({
      executor,
      loaders: partnerSlice.loaders,
      departures,
      settings: settings.contactRequests,
    }),
  ];
}

/** Ends what the slices hold open, in reverse order of building (dependents first). */
export async function closeSlices(slices: readonly Slice[]): Promise<void> {
  for (const slice of [...slices].reverse()) await slice.close?.();
}
