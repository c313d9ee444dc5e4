import type { CypherExecutor } from '../db/executor';
import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import type { EventRepository } from './event.repository';
import { EventResolver } from './event.resolver';
import { EventService } from './event.service';
import { EventPlanner, EventPlanningResolver } from './event-planning';

/** The alliance events slice (Bündnistreffen, Aktionstage, workshops). */
export function eventsSlice(
  events: EventRepository,
  reads: CompiledReads,
  executor: CypherExecutor,
): Slice {
  return {
    name: 'events',
    resolvers: [
      new EventResolver(new EventService(events), reads),
      new EventPlanningResolver(new EventPlanner(executor)),
    ],
  };
}
