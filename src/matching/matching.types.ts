import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sector } from '../partners/partner.types';
import type { ComponentName } from './matching.model';
import type { ReasonCode } from './reasons';

/** The named components of a suggestion's score. */
export enum ScoreComponentName {
  complementarity = 'complementarity',
  needFit = 'needFit',
  commonGround = 'commonGround',
  proximity = 'proximity',
  networkTrust = 'networkTrust',
  bridging = 'bridging',
  activity = 'activity',
  exposure = 'exposure',
}
registerEnumType(ScoreComponentName, {
  name: 'ScoreComponentName',
  description:
    'complementarity: dimensions/perspectives the candidate adds (more count more, with diminishing returns); needFit: offers of one side answering needs of the other (both directions); commonGround: shared topics; proximity: same district (1) or borough (0.5), neutral (0.5) when either works city-wide; networkTrust: common former partners (Adamic–Adar); bridging: other sector (0.5) and another community of the co-cooperation network (0.5); activity: recent activity; exposure: 1 for partners who never cooperated.',
});

/** What a reason refers to. */
export enum SuggestionReasonCode {
  ADDS_DIMENSION = 'ADDS_DIMENSION',
  ADDS_PERSPECTIVE = 'ADDS_PERSPECTIVE',
  OFFERS_WHAT_YOU_NEED = 'OFFERS_WHAT_YOU_NEED',
  NEEDS_WHAT_YOU_OFFER = 'NEEDS_WHAT_YOU_OFFER',
  SHARED_TOPIC = 'SHARED_TOPIC',
  SAME_DISTRICT = 'SAME_DISTRICT',
  SAME_BOROUGH = 'SAME_BOROUGH',
  WORKS_CITY_WIDE = 'WORKS_CITY_WIDE',
  COMMON_PARTNERS = 'COMMON_PARTNERS',
  OTHER_SECTOR = 'OTHER_SECTOR',
  OTHER_COMMUNITY = 'OTHER_COMMUNITY',
  NEVER_COOPERATED = 'NEVER_COOPERATED',
  NO_DIMENSIONS_YET = 'NO_DIMENSIONS_YET',
}
registerEnumType(SuggestionReasonCode, { name: 'SuggestionReasonCode' });

/** A suggestion's level in words (docs/matching.md#levels). */
export enum SuggestionLevel {
  STRONG = 'STRONG',
  GOOD = 'GOOD',
  POSSIBLE = 'POSSIBLE',
}
registerEnumType(SuggestionLevel, {
  name: 'SuggestionLevel',
  description:
    'Stufe des Vorschlags / level of a suggestion: STRONG (score ≥ 0.4, sehr passend), GOOD (≥ 0.32, passend), POSSIBLE (denkbar).',
});

/** The need and offer a reason quotes. */
@ObjectType({
  description: 'Bedarf und Angebot, die ein Grund zitiert / the quoted need and offer.',
})
export class ReasonQuote {
  @Field(() => String, { description: 'The need, verbatim.' })
  need!: string;

  @Field(() => String, { description: 'The offer that answers it, verbatim.' })
  offer!: string;
}

/** One component of a score, with the weight it had. */
@ObjectType({ description: 'One component of a suggestion score: its value in [0,1] and weight.' })
export class ScoreComponent {
  @Field(() => ScoreComponentName)
  name!: ComponentName;

  @Field(() => Float, { description: 'The value in [0, 1].' })
  value!: number;

  @Field(() => Float, { description: 'Its weight in the weighted mean.' })
  weight!: number;
}

/** Why a partner is suggested: a code, what it refers to and a sentence. */
@ObjectType({ description: 'Why a partner is suggested (Begründung).' })
export class SuggestionReason {
  @Field(() => SuggestionReasonCode)
  code!: ReasonCode;

  @Field(() => String, {
    nullable: true,
    description:
      'Key of what the reason refers to: a dimension (ADDS_*), topic, district, borough or sector.',
  })
  ref!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The name of `ref` in the response language.',
  })
  refName!: string | null;

  /** For COMMON_PARTNERS: ids of common former partners (the field resolves them). */
  partnerIds!: readonly string[];

  @Field(() => ReasonQuote, {
    nullable: true,
    description: 'For OFFERS_WHAT_YOU_NEED and NEEDS_WHAT_YOU_OFFER: the matched need and offer.',
  })
  quote!: ReasonQuote | null;

  @Field(() => String, { description: 'A sentence in German or English (Accept-Language).' })
  text!: string;
}

/** A suggested cooperation partner for one partner. */
@ObjectType({ description: 'A suggested new cooperation partner (Kooperationsvorschlag).' })
export class PartnerSuggestion {
  /** The suggested partner's id (the `partner` field resolves it). */
  partnerId!: string;

  @Field(() => Float, { description: 'Weighted mean of the components, in [0, 1].' })
  score!: number;

  @Field(() => SuggestionLevel, { description: 'The score in words (docs/matching.md#levels).' })
  level!: SuggestionLevel;

  @Field(() => [ScoreComponent])
  components!: ScoreComponent[];

  @Field(() => [SuggestionReason])
  reasons!: SuggestionReason[];

  /** Keys of the dimensions both cover together (the field resolves them). */
  coveredDimensionKeys!: string[];

  /** Keys of the dimensions the candidate adds (the field resolves them). */
  addedDimensionKeys!: string[];
}

/** Conditions on the suggested partners. */
@InputType({ description: 'Conditions on suggested partners; all given conditions must hold.' })
export class SuggestionFilter {
  @Field(() => [Sector], { nullable: true, description: 'In any of these sectors.' })
  sectors?: Sector[] | null;

  @Field(() => [String], { nullable: true, description: 'Located in any of these districts.' })
  districts?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Located in any of these boroughs.' })
  boroughs?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Active in any of these topics.' })
  topics?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Dimensions the candidate must add: it engages in all, the seeker in none.',
  })
  addsDimensions?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only partners who never took part in any cooperation.',
  })
  neverCooperated?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Never these partners (at most 100).' })
  excludeIds?: string[] | null;
}

/** Weights of the components; an omitted weight keeps its default. */
@InputType({
  description:
    'Weights of the score components (each ≥ 0, at least one > 0); an omitted weight keeps its default.',
})
export class WeightsInput implements Partial<Record<ComponentName, number | null>> {
  @Field(() => Float, { nullable: true })
  complementarity?: number | null;

  @Field(() => Float, { nullable: true })
  needFit?: number | null;

  @Field(() => Float, { nullable: true })
  commonGround?: number | null;

  @Field(() => Float, { nullable: true })
  proximity?: number | null;

  @Field(() => Float, { nullable: true })
  networkTrust?: number | null;

  @Field(() => Float, { nullable: true })
  bridging?: number | null;

  @Field(() => Float, { nullable: true })
  activity?: number | null;

  @Field(() => Float, { nullable: true })
  exposure?: number | null;
}

/** A group of partners that together cover requested dimensions (Konsortium). */
@ObjectType({ description: 'A group of 3–5 partners that together cover requested dimensions.' })
export class Consortium {
  /** Member ids, the `including` partner first, then in the order the search added them. */
  partnerIds!: string[];

  @Field(() => Float, { description: 'Share of the requested dimensions the group covers.' })
  coverage!: number;

  @Field(() => Float, { description: 'Mean pair score of the members, in [0, 1].' })
  score!: number;

  /** Requested dimensions the group covers / misses (fields resolve them). */
  coveredDimensionKeys!: string[];
  missingDimensionKeys!: string[];

  @Field(() => [String], {
    description: 'Sentences on why these partners fit together (Accept-Language).',
  })
  reasons!: string[];
}

/** The hard rules of a suggestion. */
export enum PairRule {
  SEEKER_ACTIVE = 'SEEKER_ACTIVE',
  CANDIDATE_ACTIVE = 'CANDIDATE_ACTIVE',
  NO_PAST_COOPERATION = 'NO_PAST_COOPERATION',
  NOT_DISMISSED = 'NOT_DISMISSED',
  NOT_IN_PROGRESS = 'NOT_IN_PROGRESS',
  CROSS_DIMENSION = 'CROSS_DIMENSION',
}
registerEnumType(PairRule, {
  name: 'PairRule',
  description:
    'Harte Regeln eines Vorschlags / hard rules of a suggestion: both partners ACTIVE, never cooperated, not dismissed (nor recorded NOT_A_FIT), no cooperation planned (outcome COOPERATION_PLANNED) — these two only shown to the partner and coordinators — and together a Vielfaltskooperation.',
});

/** One hard rule checked for a pair. */
@ObjectType({ description: 'One hard rule of a suggestion, checked for a pair.' })
export class PairRuleCheck {
  @Field(() => PairRule)
  rule!: PairRule;

  @Field(() => Boolean)
  passed!: boolean;

  @Field(() => String, { description: 'Why, in a sentence to the partner (Accept-Language).' })
  text!: string;

  /** For a failed NO_PAST_COOPERATION: the latest common cooperation (the field resolves it). */
  cooperationId!: string | null;
}

/** Why a partner is, or is not, suggested to another: "why not X?". */
@ObjectType({
  description:
    'Warum (nicht)? The score of a pair with its components, every hard rule and the candidate’s rank among the partner’s suggestions.',
})
export class PairExplanation {
  /** The asking partner's id (the field resolves it). */
  partnerId!: string;

  /** The candidate's id (the field resolves it). */
  candidateId!: string;

  @Field(() => Boolean, { description: 'Whether every hard rule passes, so it may be suggested.' })
  eligible!: boolean;

  @Field(() => Float, { description: 'The pair’s score with the default weights, in [0, 1].' })
  score!: number;

  @Field(() => SuggestionLevel)
  level!: SuggestionLevel;

  @Field(() => [ScoreComponent])
  components!: ScoreComponent[];

  @Field(() => [SuggestionReason], { description: 'What speaks for the pair, as in suggestions.' })
  reasons!: SuggestionReason[];

  @Field(() => [PairRuleCheck], { description: 'Every hard rule, passed or failed.' })
  rules!: PairRuleCheck[];

  @Field(() => Int, {
    description:
      'The candidate’s rank by score among the partner’s suggestions if it passed every rule (1 = best); diversification may move a listed partner by a few places.',
  })
  rank!: number;

  @Field(() => Int, {
    description: 'How many candidates that rank is among, the candidate included.',
  })
  rankedAmong!: number;
}
