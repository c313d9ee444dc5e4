import { Arg, Args, Query, Resolver } from 'type-graphql';
import { ConnectionArgs, type Page } from '../common/pagination';
import type { EventService } from './event.service';
import { type AllianceEvent, EventConnection, EventFilter } from './event.types';

/** Queries of alliance events. */
@Resolver()
export class EventResolver {
  constructor(private readonly eventService: EventService) {}

  @Query(() => EventConnection, { description: 'Alliance events, newest first.' })
  events(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
  ): Promise<Page<AllianceEvent>> {
    return this.eventService.list(args, filter);
  }
}
