import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import type { EventRepository } from './event.repository';
import { EventResolver } from './event.resolver';
import { EventService } from './event.service';

/** The alliance events slice (Bündnistreffen, Aktionstage, workshops). */
export function eventsSlice(events: EventRepository, reads: CompiledReads): Slice {
  return { name: 'events', resolvers: [new EventResolver(new EventService(events), reads)] };
}
