import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, type Page } from '../common/pagination';
import { LocalDate } from '../common/scalars';
import type { PerRequest, RequestContext } from '../context';
import type { SuggestionLoaders } from '../matching/matching.loaders';
import { CooperationKind } from '../cooperations/cooperation.types';
import { PartnerSuggestion } from '../matching/matching.types';
import { Outreach } from '../outreach/outreach.types';
import type { OutreachLoaders } from '../outreach/outreach.loaders';
import { type Partner, PartnerConnection, PartnerStatus } from '../partners/partner.types';
import type { AnalyticsLoaders, BuddyData } from './analytics.loaders';
import type { SectorMatrixData } from './aggregates';
import {
  Buddy,
  DimensionCoverage,
  DistrictCoverage,
  InactivePartner,
  InactivePartnerConnection,
  NetworkOverview,
  SectorMatrix,
} from './aggregates.types';
import type { AnalyticsService } from './analytics.service';
import { AudienceFilter } from './audience.types';

const KINDS_DESCRIPTION =
  'Cooperation kinds to count; omitted or empty: DIVERSITY_COOPERATION and NETWORK_PROJECT (action-day events are left out unless asked for).';

/** The coordinators' aggregate analytics; thin: arguments → service. */
@Resolver()
export class AnalyticsResolver {
  constructor(private readonly analyticsService: AnalyticsService) {}

  @Authorized(Role.COORDINATOR)
  @Query(() => NetworkOverview, {
    description:
      'The alliance year by year: new partners, cooperations by kind, action days, meetings, share of members active (coordinators). Omitted bounds come from the data; at most 50 years.',
  })
  networkOverview(
    @Arg('from', () => Int, { nullable: true }) from: number | null,
    @Arg('to', () => Int, { nullable: true }) to: number | null,
  ): Promise<NetworkOverview> {
    return this.analyticsService.overview(from ?? null, to ?? null);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => [DimensionCoverage], {
    description:
      'Partners and cooperations per dimension and perspective, with the trend of the last two full years (coordinators).',
  })
  dimensionCoverage(
    @Arg('kinds', () => [CooperationKind], { nullable: true, description: KINDS_DESCRIPTION })
    kinds: CooperationKind[] | null,
    @Arg('referenceYear', () => Int, {
      nullable: true,
      description:
        'The trend compares the two years before this one with the two before those; default: the year of the latest activity.',
    })
    referenceYear: number | null,
  ): Promise<DimensionCoverage[]> {
    return this.analyticsService.dimensionCoverage(kinds, referenceYear ?? null);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => SectorMatrix, {
    description: 'Cooperation links between sectors vs expected by their size (coordinators).',
  })
  sectorMatrix(
    @Arg('kinds', () => [CooperationKind], { nullable: true, description: KINDS_DESCRIPTION })
    kinds: CooperationKind[] | null,
  ): Promise<SectorMatrixData> {
    return this.analyticsService.sectorMatrix(kinds);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => [DistrictCoverage], {
    description:
      'Every district (Stadtteil) with its partners, cooperations and action-day events; `empty` marks districts without members (coordinators).',
  })
  districtCoverage(
    @Arg('kinds', () => [CooperationKind], {
      nullable: true,
      description: `${KINDS_DESCRIPTION} Counted in \`cooperations\`; \`actionDayEvents\` counts action-day events always.`,
    })
    kinds: CooperationKind[] | null,
  ): Promise<DistrictCoverage[]> {
    return this.analyticsService.districtCoverage(kinds);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => InactivePartnerConnection, {
    description:
      'Partners who had signed by `since` and took part in nothing since (the talk’s Mobilisierungspotential), longest-standing first, with first steps: upcoming meetings and trainings, a buddy, suggestions, the latest outreach (coordinators).',
  })
  inactivePartners(
    @Arg('since', () => LocalDate) since: string,
    @Arg('statuses', () => [PartnerStatus], {
      nullable: true,
      description:
        'ACTIVE and/or PAUSED; omitted or empty: ACTIVE only (a paused membership rests on purpose).',
    })
    statuses: PartnerStatus[] | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Page<InactivePartner>> {
    return this.analyticsService.inactivePartners(since, statuses, args);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => PartnerConnection, {
    description:
      'The partners to invite for an offer, by name; `contactEmail` is filled for coordinators. CSV: GET /export/audience.csv (coordinators).',
  })
  audience(
    @Arg('filter', () => AudienceFilter) filter: AudienceFilter,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Page<Partner>> {
    return this.analyticsService.audience(filter, args);
  }
}

/** First steps of an inactive partner that need the caller: suggestions, buddy, outreach. */
@Resolver(() => InactivePartner)
export class InactivePartnerResolver {
  constructor(
    private readonly loaders: PerRequest<SuggestionLoaders>,
    private readonly analyticsLoaders: PerRequest<AnalyticsLoaders>,
    private readonly outreachLoaders: PerRequest<OutreachLoaders>,
  ) {}

  @FieldResolver(() => Buddy, {
    nullable: true,
    description:
      'Pate/Patin: the best-fitting ACTIVE partner with several cooperations (the matching’s score), batched over the page; null when none fits (and for PAUSED partners).',
  })
  buddy(@Root() inactive: InactivePartner, @Ctx() ctx: RequestContext): Promise<BuddyData | null> {
    return this.analyticsLoaders(ctx).buddy.load(inactive.partner.id);
  }

  @FieldResolver(() => Outreach, {
    nullable: true,
    description: 'The latest outreach recorded for it (recordOutreach), batched over the page.',
  })
  latestOutreach(
    @Root() inactive: InactivePartner,
    @Ctx() ctx: RequestContext,
  ): Promise<Outreach | null> {
    return this.outreachLoaders(ctx).latestOutreach.load(inactive.partner.id);
  }

  @FieldResolver(() => [PartnerSuggestion], {
    description:
      'First steps: the best partners to cooperate with (the matching), batched over the page; empty for PAUSED partners.',
  })
  suggestedPartners(
    @Root() inactive: InactivePartner,
    @Arg('first', () => Int, { defaultValue: 3 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSuggestion[]> {
    return this.loaders(ctx).partnerSuggestions.load({ partnerId: inactive.partner.id, first });
  }
}
