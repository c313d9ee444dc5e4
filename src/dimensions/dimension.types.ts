import { Field, ObjectType } from 'type-graphql';

/** A diversity dimension (Vielfaltsdimension) of the Charta der Vielfalt. */
@ObjectType({
  description: 'A diversity dimension (Vielfaltsdimension) of the Charta der Vielfalt.',
  simpleResolvers: true,
})
export class Dimension {
  @Field(() => String, { description: 'Stable key, e.g. `age` or `social_origin`.' })
  key!: string;

  @Field(() => String, { description: 'German name.' })
  nameDe!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;

  @Field(() => String, { description: 'What the dimension covers, in German.' })
  descriptionDe!: string;

  @Field(() => String, { description: 'What the dimension covers, in English.' })
  descriptionEn!: string;
}
