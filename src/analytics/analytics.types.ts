import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CooperationKind } from '../cooperations/cooperation.types';
import { Perspective } from '../partners/partner.types';
import { TrendDirection } from './aggregates';

registerEnumType(TrendDirection, {
  name: 'TrendDirection',
  description:
    'How a count moved from the previous window to the recent one; STABLE within ±10 % of the larger.',
});

/** A count of cooperations of one kind. */
@ObjectType({ description: 'Cooperations of one kind.' })
export class KindCount {
  @Field(() => CooperationKind)
  kind!: CooperationKind;

  @Field(() => Int)
  count!: number;
}

/** A count for one perspective (Perspektive) on a dimension. */
@ObjectType({ description: 'A count for one perspective on a dimension.' })
export class PerspectiveCount {
  @Field(() => Perspective)
  perspective!: Perspective;

  @Field(() => Int)
  count!: number;
}
