import type { Logger } from 'pino';
import type { CypherExecutor } from '../db/executor';
import type { PartnerDepartures } from '../partners/partner-departures';
import type { Slice } from '../slice';
import { FunnelStage } from './funnel';
import { OutcomeRepository } from './outcome.repository';
import { OutcomeResolver } from './outcome.resolver';
import { OutcomeService } from './outcome.service';
import { SuggestionViews } from './suggestion-views';

/** What the outcomes slice is built from. */
export interface OutcomesSliceDeps {
  executor: CypherExecutor;
  logger: Logger;
  /** Where erasures are announced: an erased partner's outcomes go with it. */
  departures: PartnerDepartures;
}

/** The outcomes slice, with the hook the matching slice reports suggestion reads to. */
export interface OutcomesSlice extends Slice {
  /** A partner read its own suggestions or explanations: counted once a day, nobody named. */
  suggestionsViewed: (partnerId: string) => void;
}

/** Outcomes of pairs and Börse matches, and the cooperation funnel for coordinators. */
export function outcomesSlice(deps: OutcomesSliceDeps): OutcomesSlice {
  const repository = new OutcomeRepository(deps.executor);
  const views = new SuggestionViews({
    count: (day, count) => repository.countViews(day, FunnelStage.SUGGESTIONS_VIEWED, count),
    logger: deps.logger,
  });
  const service = new OutcomeService(deps.executor, repository);
  deps.departures.onDeparture((departure) => service.followUpDeparture(departure));
  return {
    name: 'outcomes',
    resolvers: [new OutcomeResolver(service)],
    suggestionsViewed: (partnerId) => views.viewed(partnerId),
    close: () => views.flush(),
  };
}
