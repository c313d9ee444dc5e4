import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { LocalDate } from '../common/scalars';

/** What came of a pair, as one of its partners records it. */
export enum OutcomeKind {
  /** The partners met (talked, visited each other). */
  MET = 'MET',
  /** They plan a cooperation: the pair is in progress, so matching does not suggest it again. */
  COOPERATION_PLANNED = 'COOPERATION_PLANNED',
  /** They do not fit: matching treats it like a dismissal. */
  NOT_A_FIT = 'NOT_A_FIT',
  /** The other partner did not answer. */
  NO_RESPONSE = 'NO_RESPONSE',
}
registerEnumType(OutcomeKind, {
  name: 'OutcomeKind',
  description:
    'Ergebnis eines Kontakts / what came of a pair: MET (getroffen), COOPERATION_PLANNED (Kooperation geplant: not suggested again while planned), NOT_A_FIT (passt nicht: acts like dismissSuggestion), NO_RESPONSE (keine Antwort).',
  valuesConfig: {
    MET: { description: 'Getroffen: the partners met.' },
    COOPERATION_PLANNED: {
      description: 'Kooperation geplant: no longer suggested to the author while planned.',
    },
    NOT_A_FIT: { description: 'Passt nicht: acts like dismissSuggestion in matching.' },
    NO_RESPONSE: { description: 'Keine Antwort: the other partner did not answer.' },
  },
});

/** A partner's private record of what came of a pair or a Börse match. */
@ObjectType({
  description:
    'Ergebnis (outcome): what came of a pair or a Börse match, as its author recorded it. Private: only the author reads it; coordinators see counts in cooperationFunnel.',
})
export class Outcome {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The partner the outcome is about.' })
  aboutPartnerId!: string;

  @Field(() => ID, { nullable: true, description: 'The Börse match it was recorded for.' })
  matchId!: string | null;

  @Field(() => ID, { nullable: true, description: "That match's Kooperationsbörse." })
  exchangeId!: string | null;

  @Field(() => OutcomeKind)
  outcome!: OutcomeKind;

  @Field(() => String, { nullable: true, description: 'The author’s own note.' })
  note!: string | null;

  @Field(() => String, { description: 'ISO date-time when this outcome was recorded.' })
  at!: string;
}

/** Relay connection of outcomes. */
export const OutcomeConnection = connectionType(Outcome, 'Outcome');

/** How many outcomes of one kind. */
@ObjectType({ description: 'How many outcomes of one kind were recorded.' })
export class OutcomeCount {
  @Field(() => OutcomeKind)
  outcome!: OutcomeKind;

  @Field(() => Int)
  count!: number;
}

/** The stages of the cooperation funnel over some period. */
@ObjectType({
  description:
    'Kooperationstrichter: how many suggestions were viewed and how many contacts, proposals and cooperations followed (docs/follow-through.md#outcomes-and-the-funnel).',
})
export class FunnelCounts {
  @Field(() => Int, {
    nullable: true,
    description:
      'Partner-days with a suggestion read (suggestedPartners, Partner.suggestions, explainPair by the partner itself); null for a Börse.',
  })
  suggestionsViewed!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Mutual matches of the Börse; null without exchangeId.',
  })
  matches!: number | null;

  @Field(() => Int, { description: 'Contact requests sent.' })
  contactRequested!: number;

  @Field(() => Int, { description: 'Contact requests accepted (including those revoked later).' })
  contactAccepted!: number;

  @Field(() => Int, { description: 'Cooperations proposed.' })
  proposed!: number;

  @Field(() => Int, { description: 'Proposed cooperations that every partner confirmed (ACTIVE).' })
  confirmed!: number;

  @Field(() => Int, { description: 'Proposed cooperations that ended.' })
  ended!: number;

  @Field(() => [OutcomeCount], {
    description: 'Outcomes recorded, by kind (every kind listed, the latest outcome of each pair).',
  })
  outcomes!: OutcomeCount[];
}

/** The funnel of one calendar month. */
@ObjectType({ description: 'The funnel of one calendar month (UTC).' })
export class FunnelMonth extends FunnelCounts {
  @Field(() => String, { description: 'The month, `YYYY-MM`.' })
  month!: string;
}

/** The funnel over a period, per month and in total. */
@ObjectType({ description: 'The cooperation funnel over a period, per month and in total.' })
export class CooperationFunnel {
  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => ID, { nullable: true, description: 'The Börse counted; null for the alliance.' })
  exchangeId!: string | null;

  @Field(() => [FunnelMonth], { description: 'Every month from `from` to `to`, oldest first.' })
  months!: FunnelMonth[];

  @Field(() => FunnelCounts, { description: 'The sums over all months.' })
  total!: FunnelCounts;
}
