import { Field, ObjectType } from 'type-graphql';

/** A district (Stadtteil) of the city, grouped into boroughs (Stadtbezirke). */
@ObjectType({
  description: 'A district (Stadtteil), grouped into a borough (Stadtbezirk).',
  simpleResolvers: true,
})
export class District {
  @Field(() => String, { description: 'Stable key, e.g. `neckarstadt_west`.' })
  key!: string;

  @Field(() => String, { description: 'Name of the district (Stadtteil).' })
  name!: string;

  @Field(() => String, { description: 'Name of its borough (Stadtbezirk).' })
  borough!: string;

  @Field(() => String, { description: 'Stable key of its borough.' })
  boroughKey!: string;
}
