import { Field, InputType } from 'type-graphql';
import { LocalDate } from '../common/scalars';
import { PartnerStatus, Perspective, Sector } from '../partners/partner.types';

/**
 * Whom to invite for an offer (`audience`). All given conditions must hold; inside a list any
 * value matches. Unlike the `partners` filter, `dimensions` means "any of": an invitation to an
 * offer on religion or age goes to partners of either.
 */
@InputType({
  description:
    'Whom to invite for an offer: all given conditions must hold, any value of a list matches.',
})
export class AudienceFilter {
  @Field(() => [String], { nullable: true, description: 'Engages in any of these dimensions.' })
  dimensions?: string[] | null;

  @Field(() => Perspective, {
    nullable: true,
    description: 'Engages with this perspective (in one of `dimensions`, if given).',
  })
  perspective?: Perspective | null;

  @Field(() => [String], { nullable: true, description: 'Active in any of these topics.' })
  topics?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Located in any of these districts.' })
  districts?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Located in any of these boroughs.' })
  boroughs?: string[] | null;

  @Field(() => [Sector], { nullable: true, description: 'Any of these sectors.' })
  sectors?: Sector[] | null;

  @Field(() => [PartnerStatus], {
    nullable: true,
    description: 'Any of these statuses; default ACTIVE (paused partners rest on purpose).',
  })
  statuses?: PartnerStatus[] | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Took part in something on or after this date: a cooperation running then, or an attended meeting or training.',
  })
  activeSince?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Took part in nothing on or after this date (to re-activate them).',
  })
  inactiveSince?: string | null;
}
