import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MAX_OUTCOME_NOTE } from '../outcomes/outcome.inputs';
import { OutreachKind, OutreachOutcome } from './outreach.types';

/** Longest note of an outreach, in characters (the same bound as an outcome's note). */
export const MAX_OUTREACH_NOTE = MAX_OUTCOME_NOTE;

/** What `recordOutreach` is given. */
@InputType({ description: 'Eine Ansprache festhalten (record an outreach to a partner).' })
export class RecordOutreachInput {
  @Field(() => OutreachKind)
  kind!: OutreachKind;

  @Field(() => OutreachOutcome, { nullable: true })
  @IsOptional()
  outcome?: OutreachOutcome | null;

  @Field(() => String, {
    nullable: true,
    description: `At most ${MAX_OUTREACH_NOTE} characters, no control characters (no line breaks).`,
  })
  @IsOptional()
  note?: string | null;
}
