import { GraphAnalyticsRepository } from './analytics/graph-analytics.repository';
import { GraphAnalyticsService } from './analytics/graph-analytics.service';
import { AnalyticsRepository } from './analytics/analytics.repository';
import { AnalyticsService } from './analytics/analytics.service';
import { AuditRepository } from './audit/audit.repository';
import { CooperationRepository } from './cooperations/cooperation.repository';
import { CooperationWriteService } from './cooperations/cooperation-write.service';
import { CooperationService } from './cooperations/cooperation.service';
import type { AppConfig } from './config';
import type { CypherExecutor } from './db/executor';
import { DimensionRepository } from './dimensions/dimension.repository';
import { DimensionService } from './dimensions/dimension.service';
import { DistrictRepository } from './districts/district.repository';
import { EventRepository } from './events/event.repository';
import { EventService } from './events/event.service';
import { MatchingRepository } from './matching/matching.repository';
import { MatchingService } from './matching/matching.service';
import { createExchangeBus, type ExchangeEventBus } from './exchange/exchange-bus';
import { exchangeEventStore } from './exchange/exchange-events';
import { ExchangeStreamService } from './exchange/exchange-stream.service';
import { createExchangeServices, type ExchangeServices } from './exchange/exchange.service';
import type { Logger } from 'pino';
import { NetworkRepository } from './network/network.repository';
import { NetworkService } from './network/network.service';
import { NetworkWorkerPool } from './network/network.pool';
import { type ApplyRateLimit, createApplyRateLimit } from './partners/apply-rate-limit';
import { PartnerRepository } from './partners/partner.repository';
import { PartnerWriteService } from './partners/partner-write.service';
import { PartnerService } from './partners/partner.service';
import { TopicRepository } from './topics/topic.repository';

/** The application's services, built once per process over the repositories. */
export interface Services extends ExchangeServices {
  dimensions: DimensionService;
  partners: PartnerService;
  cooperations: CooperationService;
  events: EventService;
  topics: TopicRepository;
  districts: DistrictRepository;
  audit: AuditRepository;
  partnerWrites: PartnerWriteService;
  /** Counts applications per client IP (through Redis when set); closed when the app stops. */
  applyRateLimit: ApplyRateLimit;
  cooperationWrites: CooperationWriteService;
  matching: MatchingService;
  /** Fans committed exchange events out (in-process, or through Redis). */
  exchangeBus: ExchangeEventBus;
  exchangeStreams: ExchangeStreamService;
  network: NetworkService;
  /** Coordinators' graph analytics over the networks and the matching. */
  graphAnalytics: GraphAnalyticsService;
  /** Coordinators' aggregate analytics (overview, coverage, sectors, districts, audience). */
  analytics: AnalyticsService;
}

/** The repositories, for services, loaders and the loaders of reference and demo data. */
export interface Repositories {
  dimensions: DimensionRepository;
  topics: TopicRepository;
  districts: DistrictRepository;
  partners: PartnerRepository;
  cooperations: CooperationRepository;
  events: EventRepository;
  audit: AuditRepository;
  matching: MatchingRepository;
}

/** Builds every repository over the executor. */
export function createRepositories(executor: CypherExecutor): Repositories {
  return {
    dimensions: new DimensionRepository(executor),
    topics: new TopicRepository(executor),
    districts: new DistrictRepository(executor),
    partners: new PartnerRepository(executor),
    cooperations: new CooperationRepository(executor),
    events: new EventRepository(executor),
    audit: new AuditRepository(executor),
    matching: new MatchingRepository(executor),
  };
}

/** Ends what the services hold open: the network worker and the Redis connections. */
export async function closeServices(services: Services): Promise<void> {
  await services.network.close();
  await services.exchangeBus.close();
  await services.applyRateLimit.close();
}

/**
 * Builds every service over its repositories. Topics and districts are plain reference lists
 * without logic, so their repositories serve as services.
 */
export function createServices(
  repositories: Repositories,
  executor: CypherExecutor,
  config: Pick<AppConfig, 'auth' | 'exchange'>,
  logger: Logger,
): Services {
  const { auth } = config;
  const matching = new MatchingService(repositories.matching, executor);
  const eventStore = exchangeEventStore(executor);
  const exchangeBus = createExchangeBus(config.exchange.redisUrl, eventStore.after, logger);
  const exchange = createExchangeServices(executor, matching, exchangeBus);
  // The worker thread starts on the first network request, not here.
  const network = new NetworkService(new NetworkRepository(executor), new NetworkWorkerPool());
  const applyRateLimit = createApplyRateLimit({
    perHour: auth.applyRateLimitPerHour,
    redisUrl: config.exchange.redisUrl,
    logger,
  });
  return {
    partnerWrites: new PartnerWriteService(executor, repositories, { applyRateLimit }),
    applyRateLimit,
    cooperationWrites: new CooperationWriteService(executor, repositories),
    dimensions: new DimensionService(repositories.dimensions),
    partners: new PartnerService(repositories.partners),
    cooperations: new CooperationService(repositories.cooperations),
    events: new EventService(repositories.events),
    topics: repositories.topics,
    districts: repositories.districts,
    audit: repositories.audit,
    matching,
    exchangeBus,
    ...exchange,
    exchangeStreams: new ExchangeStreamService(
      exchangeBus,
      eventStore,
      exchange.exchanges,
      matching,
    ),
    network,
    graphAnalytics: new GraphAnalyticsService(
      network,
      matching,
      new GraphAnalyticsRepository(executor),
    ),
    analytics: new AnalyticsService(new AnalyticsRepository(executor)),
  };
}
