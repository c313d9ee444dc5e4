import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a coordinator did or heard when approaching a partner. */
export enum OutreachKind {
  /** Invited to a meeting, a training or a cooperation. */
  INVITED = 'INVITED',
  /** Contacted otherwise (mail, phone, a visit) to ask how the partner is doing. */
  CONTACTED = 'CONTACTED',
  /** The partner answered an invitation or contact. */
  ANSWERED = 'ANSWERED',
  /** The partner did not answer within the time the coordinator gave it. */
  NO_RESPONSE = 'NO_RESPONSE',
}
registerEnumType(OutreachKind, {
  name: 'OutreachKind',
  description:
    'Ansprache (outreach) of a partner by the Koordinierungsstelle: INVITED (eingeladen), CONTACTED (kontaktiert), ANSWERED (hat geantwortet), NO_RESPONSE (keine Antwort).',
  valuesConfig: {
    INVITED: { description: 'Eingeladen: to a meeting, a training or a cooperation.' },
    CONTACTED: { description: 'Kontaktiert: by mail, phone or visit.' },
    ANSWERED: { description: 'Hat geantwortet.' },
    NO_RESPONSE: { description: 'Keine Antwort.' },
  },
});

/** What came of an outreach, as far as the coordinator knows. */
export enum OutreachOutcome {
  /** The partner wants to take part again (a meeting, a cooperation). */
  INTERESTED = 'INTERESTED',
  /** Not now (no capacity this year), ask later. */
  LATER = 'LATER',
  /** Not interested: do not ask again soon. */
  NOT_INTERESTED = 'NOT_INTERESTED',
}
registerEnumType(OutreachOutcome, {
  name: 'OutreachOutcome',
  description:
    'Ergebnis der Ansprache: INTERESTED (interessiert), LATER (später wieder fragen), NOT_INTERESTED (kein Interesse).',
});

/** One recorded outreach to a partner. */
@ObjectType({
  description:
    'Ansprache: a coordinator’s record of approaching a partner (coordinators only; partners never see it).',
})
export class Outreach {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => OutreachKind)
  kind!: OutreachKind;

  @Field(() => OutreachOutcome, { nullable: true })
  outcome!: OutreachOutcome | null;

  @Field(() => String, { nullable: true, description: 'The coordinator’s note.' })
  note!: string | null;

  @Field(() => String, { description: 'When it was recorded (ISO 8601, UTC).' })
  at!: string;

  @Field(() => String, { description: 'Who recorded it (the token subject).' })
  by!: string;
}
