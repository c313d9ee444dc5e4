import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { Page } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { PartnerLoaders } from '../partners/partner.loaders';
import { Partner } from '../partners/partner.types';
import { ContactRequestStatsArgs, MyContactRequestsArgs } from './contact-request.inputs';
import type { ContactRequestService } from './contact-request.service';
import {
  ContactRequest,
  ContactRequestConnection,
  ContactRequestStats,
} from './contact-request.types';

/** The loaders the requests' partners are read through (of the partners slice). */
export type ContactLoaders = PerRequest<Pick<PartnerLoaders, 'partner'>>;

/** Queries of contact requests and their partners; thin: arguments → service or loader. */
@Resolver(() => ContactRequest)
export class ContactRequestResolver {
  constructor(
    private readonly contacts: ContactRequestService,
    private readonly loaders: ContactLoaders,
  ) {}

  @Authorized(Role.PARTNER)
  @Query(() => ContactRequestConnection, {
    description:
      "The calling partner's contact requests (Kontaktanfragen), received or sent, newest first.",
  })
  myContactRequests(
    @Args(() => MyContactRequestsArgs) args: MyContactRequestsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<ContactRequest>> {
    return this.contacts.myContactRequests(ctx.user, args);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => ContactRequestStats, {
    description: 'How many contact requests were made and answered, per month (coordinators).',
  })
  contactRequestStats(
    @Args(() => ContactRequestStatsArgs) args: ContactRequestStatsArgs,
  ): Promise<ContactRequestStats> {
    return this.contacts.contactRequestStats(args.from, args.to);
  }

  @FieldResolver(() => Partner, { description: 'The partner who asked.' })
  from(@Root() request: ContactRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partner(request.fromPartnerId, ctx);
  }

  @FieldResolver(() => Partner, { description: 'The partner asked.' })
  to(@Root() request: ContactRequest, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partner(request.toPartnerId, ctx);
  }

  private async partner(id: string, ctx: RequestContext): Promise<Partner> {
    const partner = await this.loaders(ctx).partner.load(id);
    if (!partner) throw new Error(`expected partner ${id} of a contact request, got none`);
    return partner;
  }
}
