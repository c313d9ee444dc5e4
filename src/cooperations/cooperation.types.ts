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

/** Lifecycle of a cooperation. */
export enum CooperationStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(CooperationStatus, { name: 'CooperationStatus' });

/** A partner's role in a cooperation. */
export enum ParticipationRole {
  LEAD = 'LEAD',
  PARTNER = 'PARTNER',
}
registerEnumType(ParticipationRole, { name: 'ParticipationRole' });

/** A cooperation of partners. */
@ObjectType({ description: 'A cooperation of partners (e.g. a Vielfaltskooperation).' })
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
}

/** A partner in a cooperation, with its role. */
@ObjectType({ description: 'A partner taking part in a cooperation, with its role.' })
export class CooperationParticipant {
  @Field(() => Partner)
  partner!: Partner;

  @Field(() => ParticipationRole)
  role!: ParticipationRole;
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

  @Field(() => ID, { nullable: true, description: 'This partner takes part.' })
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
