import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, type Page } from '../common/pagination';
import type { RequestContext } from '../context';
import { FunnelArgs, RecordOutcomeInput } from './outcome.inputs';
import type { OutcomeService } from './outcome.service';
import { CooperationFunnel, Outcome, OutcomeConnection } from './outcome.types';

/** Outcomes and the cooperation funnel; thin: arguments → outcome service. */
@Resolver()
export class OutcomeResolver {
  constructor(private readonly outcomes: OutcomeService) {}

  @Authorized(Role.PARTNER)
  @Mutation(() => Outcome, {
    description:
      'Ein Ergebnis festhalten: what came of a pair or of one’s own Börse match (ACTIVE partners). The latest per pair replaces the earlier; the same again changes nothing. Private to the author; NOT_A_FIT acts like dismissSuggestion, COOPERATION_PLANNED keeps the partner out of the author’s suggestions while planned.',
  })
  recordOutcome(
    @Arg('input', () => RecordOutcomeInput) input: RecordOutcomeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Outcome> {
    return this.outcomes.recordOutcome(ctx.user, input);
  }

  @Authorized(Role.PARTNER)
  @Query(() => OutcomeConnection, {
    description: 'The outcomes the calling partner recorded, newest first (only its own).',
  })
  myOutcomes(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Outcome>> {
    return this.outcomes.myOutcomes(ctx.user, args);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => CooperationFunnel, {
    description:
      'Kooperationstrichter (coordinators): suggestions viewed, contact requested and accepted, proposed, confirmed, ended and outcomes by kind, per month; with exchangeId for one Kooperationsbörse. Counts only, never who.',
  })
  cooperationFunnel(@Args(() => FunnelArgs) args: FunnelArgs): Promise<CooperationFunnel> {
    return this.outcomes.cooperationFunnel(args);
  }
}
