import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { RequestContext } from '../context';
import { AllianceEvent } from '../events/event.types';
import type { CooperationWriteService } from './cooperation-write.service';
import type { ProposalService } from './proposal.service';
import {
  AddCooperationPartnerArgs,
  CreateCooperationInput,
  EndCooperationArgs,
  ProposalArgs,
  RecordAttendanceArgs,
  RecordEventInput,
} from './cooperation.inputs';
import { Cooperation } from './cooperation.types';

const IDEMPOTENCY = {
  nullable: true,
  description: 'A retry with the same key returns the first result and writes nothing.',
} as const;

/** Mutations of cooperations and alliance events; thin: arguments → write service. */
@Resolver()
export class CooperationMutationResolver {
  constructor(
    private readonly cooperationWrites: CooperationWriteService,
    private readonly proposals: ProposalService,
  ) {}

  @Authorized()
  @Mutation(() => Cooperation, {
    description:
      'Starts a cooperation: coordinators record it ACTIVE; an ACTIVE partner as its lead proposes it (DRAFT, Vorschlag) until every named partner confirmed.',
  })
  createCooperation(
    @Arg('input', () => CreateCooperationInput) input: CreateCooperationInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY) idempotencyKey: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.cooperationWrites.createCooperation(ctx.user, input, idempotencyKey);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description: 'Adds an ACTIVE partner to a cooperation (coordinators or its lead).',
  })
  addCooperationPartner(
    @Args(() => AddCooperationPartnerArgs) args: AddCooperationPartnerArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.cooperationWrites.addCooperationPartner(ctx.user, args);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description: 'Ends an ACTIVE cooperation (coordinators or its lead).',
  })
  endCooperation(
    @Args(() => EndCooperationArgs) args: EndCooperationArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.cooperationWrites.endCooperation(ctx.user, args);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description:
      'A named partner confirms a proposal (bestätigen); the last confirmation makes it ACTIVE. Confirming again changes nothing.',
  })
  confirmCooperation(
    @Args(() => ProposalArgs) args: ProposalArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.proposals.confirmCooperation(ctx.user, args.id);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description: 'A named partner other than the proposer declines a proposal (ablehnen).',
  })
  declineCooperation(
    @Args(() => ProposalArgs) args: ProposalArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.proposals.declineCooperation(ctx.user, args.id);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description: 'The proposing partner or a coordinator withdraws a proposal (zurückziehen).',
  })
  withdrawProposal(
    @Args(() => ProposalArgs) args: ProposalArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.proposals.withdrawProposal(ctx.user, args.id);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => AllianceEvent, { description: 'Records an alliance event (coordinators).' })
  recordEvent(
    @Arg('input', () => RecordEventInput) input: RecordEventInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY) idempotencyKey: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AllianceEvent> {
    return this.cooperationWrites.recordEvent(ctx.user, input, idempotencyKey);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => AllianceEvent, {
    description: 'Records who attended a meeting or training (coordinators).',
  })
  recordAttendance(
    @Args(() => RecordAttendanceArgs) args: RecordAttendanceArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<AllianceEvent> {
    return this.cooperationWrites.recordAttendance(ctx.user, args);
  }
}
