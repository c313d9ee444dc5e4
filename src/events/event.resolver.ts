import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { CompiledReads } from '../reads/compiled-reads';
import { ConnectionArgs, type Page } from '../common/pagination';
import type { EventService } from './event.service';
import { type AllianceEvent, EventConnection, EventFilter } from './event.types';

/** Queries of alliance events. */
@Resolver()
export class EventResolver {
  constructor(
    private readonly eventService: EventService,
    private readonly reads: CompiledReads,
  ) {}

  @Query(() => EventConnection, { description: 'Alliance events, newest first.' })
  events(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<AllianceEvent>> {
    return this.reads.serve(info, ctx, () => this.eventService.list(args, filter));
  }
}
