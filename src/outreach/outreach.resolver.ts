import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { RequestContext } from '../context';
import { RecordOutreachInput } from './outreach.inputs';
import { MAX_OUTREACH_LISTED, type OutreachService } from './outreach.service';
import { Outreach } from './outreach.types';

/** Outreach records of the Koordinierungsstelle; thin: arguments → outreach service. */
@Resolver()
export class OutreachResolver {
  constructor(private readonly outreachService: OutreachService) {}

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Outreach, {
    description:
      'Eine Ansprache festhalten (coordinators): invited, contacted, answered or no response, with an optional outcome and note. Shown as latestOutreach in inactivePartners and in the candidates of dimensionPairGaps.',
  })
  recordOutreach(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('input', () => RecordOutreachInput) input: RecordOutreachInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Outreach> {
    return this.outreachService.recordOutreach(ctx.user, partnerId, input);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => [Outreach], {
    description: `A partner’s outreach, newest first, at most ${MAX_OUTREACH_LISTED} (coordinators).`,
  })
  outreach(@Arg('partnerId', () => ID) partnerId: string): Promise<Outreach[]> {
    return this.outreachService.outreachOf(partnerId);
  }
}
