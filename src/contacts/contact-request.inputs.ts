import { IsEnum, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../common/pagination';
import { LocalDate } from '../common/scalars';
import { describeValue, expected, IsId } from '../common/validation';
import { contactMessageProblem, MAX_CONTACT_MESSAGE } from './contact-request.checks';
import {
  ContactContextKind,
  ContactDirection,
  ContactRequestStatus,
} from './contact-request.types';

/** An input field holding a contact request's message, checked by {@link contactMessageProblem}. */
function IsContactMessage(): PropertyDecorator {
  return ValidateBy({
    name: 'isContactMessage',
    validator: {
      validate: (value: unknown) => contactMessageProblem(value) === null,
      defaultMessage: (args) =>
        `expected ${contactMessageProblem(args?.value) ?? 'a message'}, got ${describeValue(args?.value)}`,
    },
  });
}

/** Where the request comes from. */
@InputType({ description: 'Where the contact request comes from (what the requester saw).' })
export class ContactContextInput {
  @Field(() => ContactContextKind)
  @IsEnum(ContactContextKind, expected('a ContactContextKind'))
  kind!: ContactContextKind;

  @Field(() => ID, { nullable: true, description: 'The Kooperationsbörse it happened at.' })
  @IsOptional()
  @IsId('an exchange id')
  exchangeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For EXCHANGE_MATCH (required there): a match of the two partners.',
  })
  @IsOptional()
  @IsId('a match id')
  matchId?: string | null;
}

/** Input of `requestContact`. */
@InputType({
  description: `A request for another partner's contact data (Kontaktanfrage), with a message of 1-${MAX_CONTACT_MESSAGE} characters.`,
})
export class RequestContactInput {
  @Field(() => ID, { description: 'The ACTIVE partner asked.' })
  @IsId('a partner id')
  toPartnerId!: string;

  @Field(() => String, {
    description: `Why the contact (1-${MAX_CONTACT_MESSAGE} characters; line breaks allowed, other control characters not).`,
  })
  @IsContactMessage()
  message!: string;

  @Field(() => ContactContextInput)
  @ValidateNested()
  context!: ContactContextInput;
}

/** Arguments of `myContactRequests`. */
@ArgsType()
export class MyContactRequestsArgs extends ConnectionArgs {
  @Field(() => ContactDirection)
  direction!: ContactDirection;

  @Field(() => ContactRequestStatus, { nullable: true, description: 'Only this status.' })
  status?: ContactRequestStatus | null;
}

/** Arguments of `contactRequestStats`. */
@ArgsType()
export class ContactRequestStatsArgs {
  @Field(() => LocalDate, { description: 'First day (requests made on or after it).' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day (requests made on or before it).' })
  to!: string;
}
