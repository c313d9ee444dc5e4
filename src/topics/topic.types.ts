import { Field, ObjectType } from 'type-graphql';

/** A field of action (Handlungsfeld) a partner works in. */
@ObjectType({
  description: 'A field of action (Handlungsfeld) such as education or sport.',
  simpleResolvers: true,
})
export class Topic {
  @Field(() => String, { description: 'Stable key, e.g. `education`.' })
  key!: string;

  @Field(() => String, { description: 'German name.' })
  nameDe!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;
}
