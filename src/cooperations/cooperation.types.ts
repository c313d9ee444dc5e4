import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { LocalDate } from '../common/scalars';
import { OrderDirection, Partner, Sector } from '../partners/partner.types';

/** What kind of cooperation. */
export enum CooperationKind {
  DIVERSITY_COOPERATION = 'DIVERSITY_COOPERATION',
  NETWORK_PROJECT = 'NETWORK_PROJECT',
  ACTION_DAY_EVENT = 'ACTION_DAY_EVENT',
}
registerEnumType(CooperationKind, {
  name: 'CooperationKind',
  description: 'Vielfaltskooperation, Netzwerkprojekt, or an event of the einander.Aktionstage.',
});

/**
 * Lifecycle of a cooperation: DRAFT → ACTIVE → ENDED, or DRAFT → DECLINED | WITHDRAWN | EXPIRED
 * (docs/follow-through.md#proposals). A DRAFT is a proposal that waits for every named partner's
 * confirmation; only ACTIVE and ENDED cooperations count anywhere.
 */
export enum CooperationStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(CooperationStatus, {
  name: 'CooperationStatus',
  description:
    'DRAFT (Vorschlag) → ACTIVE → ENDED, or DRAFT → DECLINED / WITHDRAWN / EXPIRED. Only ACTIVE and ENDED count; the others are visible to their named partners and coordinators only.',
});

/** The statuses of real cooperations: the only ones that count and that everybody sees. */
export const REAL_COOPERATION_STATUSES: readonly CooperationStatus[] = [
  CooperationStatus.ACTIVE,
  CooperationStatus.ENDED,
];

/** A partner's role in a cooperation. */
export enum ParticipationRole {
  LEAD = 'LEAD',
  PARTNER = 'PARTNER',
}
registerEnumType(ParticipationRole, { name: 'ParticipationRole' });

/** A cooperation of partners. */
@ObjectType({
  description: 'A cooperation of partners (e.g. a Vielfaltskooperation).',
  simpleResolvers: true,
})
export class Cooperation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => CooperationKind)
  kind!: CooperationKind;

  @Field(() => CooperationStatus)
  status!: CooperationStatus;

  @Field(() => LocalDate)
  startedOn!: string;

  @Field(() => LocalDate, { nullable: true })
  endedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Funding programme, e.g. DEMOKRATIE_LEBEN.' })
  funding!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO date-time it was proposed; null when a coordinator recorded it directly.',
  })
  proposedAt?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The partner that proposed it; null when a coordinator did.',
  })
  proposedBy?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO date-time a DRAFT expires unless every named partner confirmed by then.',
  })
  expiresAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO date-time it became ACTIVE; null for a proposal and for old records.',
  })
  activatedAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO date-time it was DECLINED, WITHDRAWN or EXPIRED.',
  })
  decidedAt?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The partner that declined or withdrew it; null for a coordinator or expiry.',
  })
  decidedBy?: string | null;
}

/** A partner in a cooperation, with its role. */
@ObjectType({
  description: 'A partner taking part in a cooperation, with its role.',
  simpleResolvers: true,
})
export class CooperationParticipant {
  @Field(() => Partner)
  partner!: Partner;

  @Field(() => ParticipationRole)
  role!: ParticipationRole;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO date-time the partner confirmed the proposal (bestätigt); null while it has not, and for cooperations a coordinator recorded.',
  })
  confirmedAt!: string | null;
}

/** Relay connection of cooperations. */
export const CooperationConnection = connectionType(Cooperation, 'Cooperation');

/** Filter of `cooperations`; all given conditions must hold. */
@InputType({ description: 'Filter of cooperations; all given conditions must hold.' })
export class CooperationFilter {
  @Field(() => [CooperationKind], { nullable: true })
  kinds?: CooperationKind[] | null;

  @Field(() => [CooperationStatus], { nullable: true })
  statuses?: CooperationStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Addresses this dimension.' })
  dimension?: string | null;

  @Field(() => ID, { nullable: true, description: 'This partner takes part (or is named in it).' })
  partner?: string | null;

  @Field(() => [Sector], {
    nullable: true,
    description: 'Two sectors (may be equal): partners of both take part.',
  })
  sectorPair?: Sector[] | null;

  @Field(() => LocalDate, { nullable: true, description: 'Running on this date.' })
  activeOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Active and funded now.' })
  currentlyFunded?: boolean | null;
}

/** What cooperations can be ordered by. */
export enum CooperationOrderField {
  STARTED_ON = 'STARTED_ON',
  TITLE = 'TITLE',
}
registerEnumType(CooperationOrderField, { name: 'CooperationOrderField' });

/** Ordering of `cooperations`; ties are broken by id. */
@InputType({ description: 'Ordering of cooperations; ties are broken by id.' })
export class CooperationOrder {
  @Field(() => CooperationOrderField)
  field!: CooperationOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction!: OrderDirection;
}
