import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { LocalDate } from '../common/scalars';

/** What kind of alliance event. */
export enum EventKind {
  ALLIANCE_MEETING = 'ALLIANCE_MEETING',
  ACTION_DAYS = 'ACTION_DAYS',
  TRAINING = 'TRAINING',
}
registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'Bündnistreffen, einander.Aktionstage, einander.Qualifizierung.',
});

/** An alliance event: a meeting, the yearly action days, a training. */
@ObjectType({
  description: 'An alliance event: meeting, action days or training.',
  simpleResolvers: true,
})
export class AllianceEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => String)
  title!: string;

  @Field(() => LocalDate)
  date!: string;

  @Field(() => Int, {
    description: 'Partners who attended (meetings, trainings) or organised (action days).',
  })
  participantCount!: number;
}

/** Relay connection of events. */
export const EventConnection = connectionType(AllianceEvent, 'Event');

/** Filter of `events`. */
@InputType({ description: 'Filter of events; all given conditions must hold.' })
export class EventFilter {
  @Field(() => [EventKind], { nullable: true })
  kinds?: EventKind[] | null;

  @Field(() => LocalDate, { nullable: true, description: 'On or after this date.' })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'On or before this date.' })
  to?: string | null;
}
