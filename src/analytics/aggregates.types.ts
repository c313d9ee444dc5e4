import { Field, Float, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { LocalDate } from '../common/scalars';
import { Dimension } from '../dimensions/dimension.types';
import { District } from '../districts/district.types';
import { AllianceEvent } from '../events/event.types';
import { PartnerSuggestion } from '../matching/matching.types';
import { Partner, Sector } from '../partners/partner.types';
import { TrendDirection } from './aggregates';
import { KindCount, PerspectiveCount } from './analytics.types';

/** The talk's figures for one year. */
@ObjectType({ description: 'The alliance in one year: the talk’s figures as a time series.' })
export class YearFigures {
  @Field(() => Int)
  year!: number;

  @Field(() => Boolean, {
    description:
      'Teiljahr: the year is not over on the cut-off day (the earlier of today and the data’s latest activity), so its figures, activeShare above all, are incomplete.',
  })
  partialYear!: boolean;

  @Field(() => Int, {
    description: 'Partners who signed the declaration that year (whatever their status now).',
  })
  newPartners!: number;

  @Field(() => Int, { description: 'Of `newPartners`, those who are members today.' })
  newMembers!: number;

  @Field(() => Int, {
    description:
      'Members (ACTIVE or PAUSED today) who had signed by the end of the year; the graph keeps no history of pauses and departures.',
  })
  members!: number;

  @Field(() => Int, {
    description:
      'Of `members`, those active that year: a cooperation running in it, or an attended meeting or training.',
  })
  activeMembers!: number;

  @Field(() => Float, { description: 'activeMembers / members (0–1; 0 without members).' })
  activeShare!: number;

  @Field(() => [KindCount], { description: 'Cooperations started that year, every kind listed.' })
  cooperationsStarted!: KindCount[];

  @Field(() => Int, { description: 'Distinct organisers of the year’s einander.Aktionstage.' })
  actionDayOrganisers!: number;

  @Field(() => Int, { description: 'Events (Veranstaltungen) of the year’s Aktionstage.' })
  actionDayEvents!: number;

  @Field(() => Int, { description: 'Alliance meetings (Bündnistreffen) held.' })
  meetingsHeld!: number;

  @Field(() => Int, { description: 'Distinct partners who attended a meeting that year.' })
  meetingAttendees!: number;

  @Field(() => Int, { description: 'Trainings (einander.Qualifizierungen) held.' })
  trainingsHeld!: number;

  @Field(() => Int, { description: 'Distinct partners who attended a training that year.' })
  trainingAttendees!: number;
}

/** The overview time series and the years it covers. */
@ObjectType({ description: 'The alliance year by year (coordinators).' })
export class NetworkOverview {
  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => [YearFigures], { description: 'One entry per year, from `from` to `to`.' })
  years!: YearFigures[];
}

/** Cooperations of a dimension in two windows of two years. */
@ObjectType({
  description:
    'Cooperations started in the last two full years before the reference year vs the two years before.',
})
export class CoverageTrend {
  @Field(() => Int, {
    description: 'The year of the latest activity in the data (or the one asked for).',
  })
  referenceYear!: number;

  @Field(() => Int)
  recentFrom!: number;

  @Field(() => Int)
  recentTo!: number;

  @Field(() => Int, { description: 'Cooperations started from recentFrom to recentTo.' })
  recent!: number;

  @Field(() => Int)
  previousFrom!: number;

  @Field(() => Int)
  previousTo!: number;

  @Field(() => Int, { description: 'Cooperations started from previousFrom to previousTo.' })
  previous!: number;

  @Field(() => Int, { description: 'recent − previous.' })
  change!: number;

  @Field(() => TrendDirection)
  direction!: TrendDirection;
}

/** How well one dimension is covered. */
@ObjectType({ description: 'How well one diversity dimension is covered (coordinators).' })
export class DimensionCoverage {
  @Field(() => Dimension)
  dimension!: Dimension;

  @Field(() => Int, { description: 'Member partners engaged in it.' })
  partners!: number;

  @Field(() => [PerspectiveCount], { description: 'Member partners engaged per perspective.' })
  partnersByPerspective!: PerspectiveCount[];

  @Field(() => Int, { description: 'Cooperations (not drafts) addressing it.' })
  cooperations!: number;

  @Field(() => [KindCount])
  cooperationsByKind!: KindCount[];

  @Field(() => [PerspectiveCount], {
    description:
      'Cooperations addressing it with a participant engaged in it from this perspective.',
  })
  cooperationsByPerspective!: PerspectiveCount[];

  @Field(() => CoverageTrend)
  trend!: CoverageTrend;
}

/** A sector's size. */
@ObjectType({ description: 'A sector’s partners (members and former members) and share.' })
export class SectorShare {
  @Field(() => Sector)
  sector!: Sector;

  @Field(() => Int)
  partners!: number;

  @Field(() => Float, { description: 'Share of all partners who are or were members (0–1).' })
  share!: number;
}

/** Links between two sectors, observed and expected. */
@ObjectType({ description: 'Partner-pair links between two sectors, observed vs expected.' })
export class SectorPairCell {
  @Field(() => Sector)
  sectorA!: Sector;

  @Field(() => Sector, { description: 'Equal to sectorA on the diagonal.' })
  sectorB!: Sector;

  @Field(() => Int, { description: 'Partner pairs of one cooperation between the two sectors.' })
  links!: number;

  @Field(() => Int, { description: 'Cooperations with at least one such pair.' })
  cooperations!: number;

  @Field(() => Float, {
    description: 'totalLinks × share_a × share_b, doubled when the sectors differ.',
  })
  expectedLinks!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'links / expectedLinks: below 1 the sectors meet less than their sizes suggest.',
  })
  ratio!: number | null;
}

/** Cooperation links between sectors. */
@ObjectType({ description: 'How often sectors cooperate, vs expected by their size.' })
export class SectorMatrix {
  @Field(() => Int, { description: 'All partner-pair links of the counted cooperations.' })
  totalLinks!: number;

  @Field(() => [SectorShare])
  sectors!: SectorShare[];

  @Field(() => [SectorPairCell], { description: 'Every unordered pair, the diagonal included.' })
  cells!: SectorPairCell[];
}

/** Partners and activity in one district. */
@ObjectType({ description: 'Partners and activity in one district (Stadtteil).' })
export class DistrictCoverage {
  @Field(() => District)
  district!: District;

  @Field(() => Int, { description: 'Member partners located there.' })
  partners!: number;

  @Field(() => Int, {
    description:
      'Diversity cooperations and network projects with a partner located there (any status).',
  })
  cooperations!: number;

  @Field(() => Int, { description: 'Action-day events with an organiser located there.' })
  actionDayEvents!: number;

  @Field(() => Boolean, { description: 'No member partner is located there.' })
  empty!: boolean;
}

/** A member without activity since a date, and first steps to involve it. */
@ObjectType({ description: 'A member who took part in nothing since a date (coordinators).' })
export class InactivePartner {
  @Field(() => Partner)
  partner!: Partner;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Zuletzt aktiv: its latest cooperation (end or start) or attendance. Null if it never took part: signing the declaration (joinedOn) is not activity.',
  })
  lastActivityOn!: string | null;

  @Field(() => Boolean, { description: 'It never took part in anything.' })
  neverActive!: boolean;

  @Field(() => [AllianceEvent], {
    description:
      'First steps: the next alliance meetings and trainings to invite it to (empty when none is planned).',
  })
  upcomingEvents!: AllianceEvent[];
}

/** An experienced partner to pair an inactive one with. */
@ObjectType({
  description:
    'Pate/Patin: an experienced ACTIVE partner (several cooperations) the matching finds a good fit for an inactive partner.',
})
export class Buddy {
  @Field(() => PartnerSuggestion, {
    description:
      'The matching’s suggestion (partner, score, reasons) from the inactive partner’s side.',
  })
  suggestion!: PartnerSuggestion;

  @Field(() => Int, { description: 'Its cooperations (ACTIVE or ENDED, every kind).' })
  cooperations!: number;
}

/** Relay connection of inactive partners. */
export const InactivePartnerConnection = connectionType(InactivePartner, 'InactivePartner');
