import { type ConnectionArgs, type Page, toPage, toPageRequest } from '../common/pagination';
import type { EventRepository } from './event.repository';
import type { AllianceEvent, EventFilter } from './event.types';

/** Use cases of reading alliance events. */
export class EventService {
  constructor(private readonly repository: EventRepository) {}

  /**
   * A page of events, newest first.
   *
   * @throws BAD_USER_INPUT for bad page sizes or cursors
   */
  async list(args: ConnectionArgs, filter?: EventFilter | null): Promise<Page<AllianceEvent>> {
    const scope = 'events:DATE:DESC';
    const request = toPageRequest(scope, args);
    const rows = await this.repository.findPage(filter ?? undefined, request);
    return toPage(scope, request, rows, () => this.repository.count(filter ?? undefined));
  }
}
