import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import type { EventRepository } from './event.repository';
import type { AllianceEvent, EventFilter } from './event.types';

/** Events are always listed by date, newest first. */
const NEWEST_FIRST = { field: 'DATE', direction: 'DESC' };

/** Use cases of reading alliance events. */
export class EventService {
  constructor(private readonly repository: EventRepository) {}

  /**
   * A page of events, newest first.
   *
   * @throws BAD_USER_INPUT for bad page sizes or cursors
   */
  list(args: ConnectionArgs, filter?: EventFilter | null): Promise<Page<AllianceEvent>> {
    const where = filter ?? undefined;
    return orderedConnection('events', args, NEWEST_FIRST, {
      rows: (_order, request) => this.repository.findPage(where, request),
      count: () => this.repository.count(where),
    });
  }
}
