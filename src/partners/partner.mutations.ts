import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { RequestContext } from '../context';
import { PartnerTransition } from './partner-status';
import type { PartnerWriteService } from './partner-write.service';
import { ApplyForMembershipInput, UpdatePartnerProfileInput } from './partner.inputs';
import { Partner } from './partner.types';

/** Mutations of partners; thin: arguments → write service. */
@Resolver()
export class PartnerMutationResolver {
  constructor(private readonly partnerWrites: PartnerWriteService) {}

  @Mutation(() => Partner, {
    description:
      'An organisation signs the declaration (Mannheimer Erklärung) and applies: a new APPLIED partner. Public; rate-limited per address. A retry with the same idempotencyKey returns the first partner.',
  })
  applyForMembership(
    @Arg('input', () => ApplyForMembershipInput) input: ApplyForMembershipInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Partner> {
    return this.partnerWrites.apply(input, idempotencyKey ?? null, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'APPLIED → ACTIVE (Aufnahme; coordinators).' })
  admitPartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.ADMIT, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'ACTIVE → PAUSED (coordinators).' })
  pausePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.PAUSE, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'PAUSED → ACTIVE (coordinators).' })
  reactivatePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.REACTIVATE, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, { description: 'ACTIVE or PAUSED → LEFT (coordinators).' })
  recordPartnerLeft(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.changeStatus(id, PartnerTransition.LEAVE, ctx);
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
    return this.partnerWrites.updateProfile(id, version, input, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Partner, {
    description:
      'Data-protection erasure (Löschung; coordinators): personal data and profile links removed, name anonymised, status LEFT; the cooperation history stays.',
  })
  erasePartner(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner> {
    return this.partnerWrites.erase(id, ctx);
  }
}
