import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { PerRequest, RequestContext } from '../context';
import { PartnerTransition } from './partner-status';
import type { PartnerWriteService, WriteCaller } from './partner-write.service';
import type { PartnerLoaders } from './partner.loaders';
import { ApplyForMembershipInput, UpdatePartnerProfileInput } from './partner.inputs';
import { Partner } from './partner.types';

/** Mutations of partners; thin: arguments → write service. */
@Resolver()
export class PartnerMutationResolver {
  constructor(
    private readonly partnerWrites: PartnerWriteService,
    private readonly loaders: PerRequest<PartnerLoaders>,
  ) {}

  /** The caller as the write service sees it: its loaders are cleared after the write. */
  private caller(ctx: RequestContext): WriteCaller {
    return { user: ctx.user, clientIp: ctx.clientIp, loaders: this.loaders(ctx) };
  }

  @Mutation(() => Partner, {
    description:
      'An organisation signs the declaration (Mannheimer Erklärung) and applies: a new APPLIED partner. Public; rate-limited per address. A retry with the same idempotencyKey returns the first partner.',
  })
  applyForMembership(
    @Arg('input', () => ApplyForMembershipInput) input: ApplyForMembershipInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Partner> {
    return this.partnerWrites.apply(input, idempotencyKey ?? null, this.caller(ctx));
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'APPLIED → ACTIVE (Aufnahme; coordinators).' })
  admitPartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.ADMIT, this.caller(ctx));
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'ACTIVE → PAUSED (coordinators).' })
  pausePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.PAUSE, this.caller(ctx));
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'PAUSED → ACTIVE (coordinators).' })
  reactivatePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.REACTIVATE, this.caller(ctx));
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'ACTIVE or PAUSED → LEFT (coordinators).' })
  recordPartnerLeft(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.LEAVE, this.caller(ctx));
  }

  @Mutation(() => Partner, {
    description:
      'Changes a profile (the partner itself or a coordinator). Applies only when `version` is current (else CONFLICT); given lists replace the relationships.',
  })
  updatePartnerProfile(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdatePartnerProfileInput) input: UpdatePartnerProfileInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Partner> {
    return this.partnerWrites.updateProfile(id, version, input, this.caller(ctx));
  }

  @Mutation(() => Partner, {
    description:
      'Ends every token of the partner issued until now (a lost or leaked token): requests with them get 401, open WebSockets close with 4403. The partner itself or a coordinator.',
  })
  revokePartnerTokens(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Partner> {
    return this.partnerWrites.revokeTokens(id, this.caller(ctx));
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, {
    description:
      'Data-protection erasure (Löschung; coordinators): personal data and profile links removed, name anonymised, status LEFT; the cooperation history stays.',
  })
  erasePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.erase(id, this.caller(ctx));
  }
}
