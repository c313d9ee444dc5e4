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
import { type Partner, PartnerConnection } from '../partners/partner.types';
import type { SectorMatrixData } from './aggregates';
import {
  DimensionCoverage,
  DistrictCoverage,
  InactivePartner,
  InactivePartnerConnection,
  NetworkOverview,
  SectorMatrix,
} from './aggregates.types';
import type { AnalyticsService } from './analytics.service';
import { AudienceFilter } from './audience.types';

const KINDS_DESCRIPTION = 'Cooperation kinds to count; omitted or empty: all.';

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
  districtCoverage(): Promise<DistrictCoverage[]> {
    return this.analyticsService.districtCoverage();
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => InactivePartnerConnection, {
    description:
      'Members who took part in nothing since a date (the talk’s Mobilisierungspotential), longest-standing first, with first steps (coordinators).',
  })
  inactivePartners(
    @Arg('since', () => LocalDate) since: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Page<InactivePartner>> {
    return this.analyticsService.inactivePartners(since, args);
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

/** First steps of an inactive partner that need the caller: its suggested partners. */
@Resolver(() => InactivePartner)
export class InactivePartnerResolver {
  constructor(private readonly loaders: PerRequest<SuggestionLoaders>) {}

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
