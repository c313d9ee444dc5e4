import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { LocalDate } from '../common/scalars';
import { Dimension } from '../dimensions/dimension.types';

/** The four sectors of the alliance. */
export enum Sector {
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  BUSINESS = 'BUSINESS',
  POLITICS = 'POLITICS',
  ADMINISTRATION = 'ADMINISTRATION',
}
registerEnumType(Sector, {
  name: 'Sector',
  description: 'Zivilgesellschaft, Wirtschaft, Politik, Verwaltung.',
});

/** What kind of organisation a partner is. */
export enum PartnerKind {
  ASSOCIATION = 'ASSOCIATION',
  MIGRANT_ORGANISATION = 'MIGRANT_ORGANISATION',
  RELIGIOUS_COMMUNITY = 'RELIGIOUS_COMMUNITY',
  EDUCATION = 'EDUCATION',
  SOCIAL_SERVICE = 'SOCIAL_SERVICE',
  CULTURE = 'CULTURE',
  SPORTS_CLUB = 'SPORTS_CLUB',
  YOUTH_ORGANISATION = 'YOUTH_ORGANISATION',
  COMPANY = 'COMPANY',
  CHAMBER_OR_UNION = 'CHAMBER_OR_UNION',
  PARTY_OR_FACTION = 'PARTY_OR_FACTION',
  PUBLIC_AUTHORITY = 'PUBLIC_AUTHORITY',
  FOUNDATION = 'FOUNDATION',
  INITIATIVE = 'INITIATIVE',
}
registerEnumType(PartnerKind, { name: 'PartnerKind' });

/** Membership status: APPLIED → ACTIVE → PAUSED ↔ ACTIVE, → LEFT. */
export enum PartnerStatus {
  APPLIED = 'APPLIED',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  LEFT = 'LEFT',
}
registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'APPLIED (signed the Mannheimer Erklärung) → ACTIVE → PAUSED ↔ ACTIVE, → LEFT.',
});

/** The perspective from which a partner engages in a dimension. */
export enum Perspective {
  COMMUNITY = 'COMMUNITY',
  ADVOCACY = 'ADVOCACY',
  SERVICE = 'SERVICE',
}
registerEnumType(Perspective, {
  name: 'Perspective',
  description: 'COMMUNITY (people concerned organise themselves), ADVOCACY, SERVICE.',
});

/**
 * Where a partner works (Wirkungsbereich). A partner without the property reads as NEIGHBOURHOOD.
 * The values are those of the matching's `PartnerScope` (src/matching/matching.model.ts).
 */
export enum PartnerScope {
  NEIGHBOURHOOD = 'NEIGHBOURHOOD',
  BOROUGH = 'BOROUGH',
  CITY = 'CITY',
}
registerEnumType(PartnerScope, {
  name: 'PartnerScope',
  description:
    'Wirkungsbereich: NEIGHBOURHOOD = Stadtteil, BOROUGH = Stadtbezirk, CITY = ganze Stadt. (Where a partner works: its neighbourhood, its borough or the whole city.)',
});

/** Sort direction. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

/** A partner organisation of the alliance (Bündnispartner). Only public fields live here. */
@ObjectType({
  description: 'A partner organisation of the alliance (Bündnispartner).',
  simpleResolvers: true,
})
export class Partner {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => PartnerKind)
  kind!: PartnerKind;

  @Field(() => PartnerStatus)
  status!: PartnerStatus;

  @Field(() => LocalDate, { description: 'When it signed the declaration (Mannheimer Erklärung).' })
  joinedOn!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => Int, { description: 'Number of cooperations it took part in.' })
  cooperationCount!: number;

  @Field(() => LocalDate, { description: 'Last cooperation start, attendance or joining.' })
  lastActiveOn!: string;

  @Field(() => Int, { description: 'Profile version, for optimistic concurrency.' })
  version!: number;

  @Field(() => PartnerScope, {
    description:
      'Wirkungsbereich (where it works); NEIGHBOURHOOD unless the partner said otherwise.',
  })
  scope!: PartnerScope;
}

/** One standing offer or need of a partner's profile, in the partner's own words. */
@ObjectType({
  description:
    'Ein Angebot oder Bedarf im Profil eines Partners (a standing offer or need of a partner), in its own words.',
  simpleResolvers: true,
})
export class OfferOrNeed {
  @Field(() => String, { description: 'The text as the partner wrote it (1-300 characters).' })
  text!: string;

  @Field(() => [String], { description: 'Keys of the topics it is about (may be empty).' })
  topicKeys!: string[];
}

/** A dimension a partner engages in, with the perspective. */
@ObjectType({
  description: 'A dimension a partner engages in, and from which perspective.',
  simpleResolvers: true,
})
export class PartnerDimension {
  @Field(() => Dimension)
  dimension!: Dimension;

  @Field(() => Perspective)
  perspective!: Perspective;
}

/** Relay connection of partners. */
export const PartnerConnection = connectionType(Partner, 'Partner');

/** Filter of `partners`; all given conditions must hold. */
@InputType({ description: 'Filter of partners; all given conditions must hold.' })
export class PartnerFilter {
  @Field(() => [Sector], { nullable: true, description: 'Any of these sectors.' })
  sectors?: Sector[] | null;

  @Field(() => [PartnerStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: PartnerStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Engages in all of these dimensions.' })
  dimensions?: string[] | null;

  @Field(() => Perspective, {
    nullable: true,
    description: 'Engages with this perspective (in the given dimensions, if any).',
  })
  perspective?: Perspective | null;

  @Field(() => [String], { nullable: true, description: 'Active in any of these topics.' })
  topics?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Located in any of these districts.' })
  districts?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Located in any of these boroughs.' })
  boroughs?: string[] | null;

  @Field(() => LocalDate, { nullable: true, description: 'Joined on or after this date.' })
  joinedFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Joined on or before this date.' })
  joinedTo?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Took part in a cooperation that started on or after this date.',
  })
  cooperatedSince?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search in name and description (each word as a prefix).',
  })
  search?: string | null;
}

/** What partners can be ordered by. */
export enum PartnerOrderField {
  NAME = 'NAME',
  JOINED_ON = 'JOINED_ON',
  COOPERATION_COUNT = 'COOPERATION_COUNT',
  LAST_ACTIVITY = 'LAST_ACTIVITY',
}
registerEnumType(PartnerOrderField, { name: 'PartnerOrderField' });

/** Ordering of `partners`; ties are always broken by id. */
@InputType({ description: 'Ordering of partners; ties are broken by id.' })
export class PartnerOrder {
  @Field(() => PartnerOrderField)
  field!: PartnerOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}
