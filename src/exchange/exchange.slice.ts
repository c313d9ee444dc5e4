import type { Logger } from 'pino';
import type { CooperationCreation } from '../cooperations/cooperation-create';
import type { CypherExecutor } from '../db/executor';
import type { MatchingService } from '../matching/matching.service';
import type { Slice } from '../slice';
import type { PartnerDepartures } from '../partners/partner-departures';
import { createExchangeBus } from './exchange-bus';
import { ExchangeDepartureService } from './exchange-departure.service';
import { exchangeEventStore } from './exchange-events';
import { ExchangeInterestRepository } from './exchange-interest.repository';
import { ExchangeInterestService } from './exchange-interest.service';
import { ExchangeParticipationService } from './exchange-participation.service';
import { ExchangeStreamService } from './exchange-stream.service';
import { ExchangeWriteUnit } from './exchange-write-unit';
import { ExchangeMutationResolver } from './exchange.mutations';
import { ExchangeRepository } from './exchange.repository';
import { activityDetailsResolvers } from './exchange-activity.resolver';
import { type ExchangeLoaders, exchangeLoaders } from './exchange.loaders';
import {
  ExchangeInterestResolver,
  ExchangeMatchResolver,
  ExchangeResolver,
  MeetingTableResolver,
  PostResolver,
} from './exchange.resolver';
import { ExchangeService } from './exchange.service';
import { exchangeSubscriptionResolver } from './exchange.subscriptions';
import { matchingPairScores, MeetingPlanService } from './meeting-plan.service';
import { MyExchangeService } from './my-exchange.service';

/** What the exchange slice is built from. */
export interface ExchangeSliceDeps {
  executor: CypherExecutor;
  matching: MatchingService;
  loaders: ExchangeLoaders;
  /** The exchange checks departed partners out and blanks erased partners' posts. */
  departures: PartnerDepartures;
  /** The cooperation slice's one way of making proposals (`proposeCooperation`). */
  proposals: CooperationCreation;
  /** `REDIS_URL`: set, committed events fan out to every replica through Redis. */
  redisUrl: string | undefined;
  logger: Logger;
}

/**
 * The live Kooperationsbörse: exchanges, check-ins, offers, interests, matches, meeting plans and
 * their streams. Every change goes through one write unit that publishes its committed events
 * on the bus, which the streams read.
 */
export function exchangeSlice(deps: ExchangeSliceDeps): Slice {
  const { executor, matching } = deps;
  const store = exchangeEventStore(executor);
  const bus = createExchangeBus(deps.redisUrl, store.after, deps.logger);
  const repository = new ExchangeRepository(executor);
  const interests = new ExchangeInterestRepository(executor);
  const loaders = exchangeLoaders(deps.loaders, repository, interests);
  const writes = new ExchangeWriteUnit(executor, repository, bus);
  const exchanges = new ExchangeService(executor, repository, writes);
  const meetingPlans = new MeetingPlanService(
    repository,
    interests,
    writes,
    matchingPairScores(matching),
  );
  const streams = new ExchangeStreamService(bus, store, exchanges, matching);
  const departure = new ExchangeDepartureService(repository, writes);
  deps.departures.onDeparture((departed) => departure.followUp(departed));
  return {
    name: 'exchange',
    resolvers: [
      new ExchangeResolver(
        exchanges,
        meetingPlans,
        new MyExchangeService(repository, interests),
        loaders,
      ),
      new PostResolver(loaders),
      new ExchangeMatchResolver(loaders),
      new ExchangeInterestResolver(loaders),
      ...activityDetailsResolvers(loaders),
      new MeetingTableResolver(loaders),
      new ExchangeMutationResolver(
        exchanges,
        new ExchangeParticipationService(repository, writes),
        new ExchangeInterestService(repository, interests, writes, deps.proposals),
        meetingPlans,
      ),
      exchangeSubscriptionResolver(streams),
    ],
    close: () => bus.close(),
  };
}
