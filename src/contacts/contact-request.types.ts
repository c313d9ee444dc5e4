import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { LocalDate } from '../common/scalars';

/** Lifecycle of a contact request: PENDING → ACCEPTED | DECLINED; ACCEPTED → REVOKED. */
export enum ContactRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  REVOKED = 'REVOKED',
}
registerEnumType(ContactRequestStatus, {
  name: 'ContactRequestStatus',
  description:
    'PENDING (offen) → ACCEPTED (Kontaktdaten geteilt) or DECLINED ("nicht jetzt"); ACCEPTED → REVOKED (widerrufen).',
});

/** Where a contact request came from: what the requester saw. */
export enum ContactContextKind {
  SUGGESTION = 'SUGGESTION',
  EXCHANGE_MATCH = 'EXCHANGE_MATCH',
  EXPLAIN_PAIR = 'EXPLAIN_PAIR',
  PROFILE = 'PROFILE',
}
registerEnumType(ContactContextKind, {
  name: 'ContactContextKind',
  description:
    'A suggestion (Vorschlag), a mutual match at a Kooperationsbörse, an explainPair answer, or the profile.',
});

/** Which of the caller's contact requests: sent or received. */
export enum ContactDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(ContactDirection, {
  name: 'ContactDirection',
  description: 'INCOMING: asked of the caller; OUTGOING: sent by the caller.',
});

/** The context a contact request was made in. */
@ObjectType({ description: 'Where the contact request came from.' })
export class ContactRequestContext {
  @Field(() => ContactContextKind)
  kind!: ContactContextKind;

  @Field(() => ID, { nullable: true, description: 'The Kooperationsbörse, if any.' })
  exchangeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The Börse match (for EXCHANGE_MATCH).' })
  matchId!: string | null;
}

/**
 * A contact request as stored: `(:ContactRequest)` with the two partners' ids. `from` and `to`
 * are resolved to partners by the resolver (DataLoader).
 */
@ObjectType({
  description:
    'A request for contact data (Kontaktanfrage). Visible to its two partners only; coordinators see counts (contactRequestStats).',
})
export class ContactRequest {
  @Field(() => ID)
  id!: string;

  /** The requester's id (the GraphQL field `from` is the partner). */
  fromPartnerId!: string;

  /** The target's id (the GraphQL field `to` is the partner). */
  toPartnerId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The requester's message; null once a partner of the request was erased.",
  })
  message!: string | null;

  @Field(() => ContactRequestStatus)
  status!: ContactRequestStatus;

  @Field(() => ContactRequestContext)
  context!: ContactRequestContext;

  @Field(() => String, { description: 'ISO date-time of the request.' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the accept or decline.' })
  answeredAt!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the revocation.' })
  revokedAt!: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner who revoked the shared contact.' })
  revokedBy!: string | null;
}

/** Relay connection of contact requests. */
export const ContactRequestConnection = connectionType(ContactRequest, 'ContactRequest');

/** Requests by their current status. */
@ObjectType({ description: 'Contact requests counted by their current status.' })
export class ContactRequestCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Int)
  revoked!: number;
}

/** The counts of the requests made in one calendar month. */
@ObjectType({ description: 'The contact requests made in one month, by current status.' })
export class ContactRequestMonth {
  @Field(() => String, { description: 'The month, YYYY-MM.' })
  month!: string;

  @Field(() => ContactRequestCounts)
  counts!: ContactRequestCounts;
}

/** What coordinators see of contact requests: counts, never messages or pairs. */
@ObjectType({
  description:
    'Contact requests made from `from` to `to` (inclusive), counted by current status — never who or what (coordinators).',
})
export class ContactRequestStats {
  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => ContactRequestCounts)
  counts!: ContactRequestCounts;

  @Field(() => [ContactRequestMonth], { description: 'Per month with requests, oldest first.' })
  byMonth!: ContactRequestMonth[];
}
