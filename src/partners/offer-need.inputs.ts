import {
  ArrayMaxSize,
  ArrayUnique,
  IsOptional,
  Matches,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { KEY_PATTERN, isKey } from '../common/checks';
import { toTermQuery } from '../common/lucene';
import { describeValue, expected, expectedEach } from '../common/validation';

/** Longest offer or need text, in characters after trimming. */
export const MAX_OFFER_NEED_TEXT = 300;

/** Most offers, and most needs, one profile may list. */
export const MAX_OFFERS_OR_NEEDS = 10;

/** Most topics one offer or need may name. */
export const MAX_OFFER_NEED_TOPICS = 5;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * What is wrong with an offer or need text, or `null` when it is fine: it must be 1–300
 * characters after trimming, hold no control characters (line breaks included: the text is one
 * line in every list) and at least one word, since a text without words could never be matched.
 *
 * @returns what a valid text is, for an "expected X, got Y" message; `null` for a valid text
 */
export function offerNeedTextProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'a text';
  if (CONTROL_CHARACTER.test(value)) return 'a text without control characters';
  // Characters, not UTF-16 units: an emoji or a rare name character counts once.
  const length = [...value.trim()].length;
  if (length === 0) return 'a text that is not blank';
  if (length > MAX_OFFER_NEED_TEXT) return `a text of 1-${MAX_OFFER_NEED_TEXT} characters`;
  if (toTermQuery(value) === null) return 'a text with at least one word';
  return null;
}

/** An input field holding an offer or need text, checked by {@link offerNeedTextProblem}. */
function IsOfferNeedText(): PropertyDecorator {
  return ValidateBy({
    name: 'isOfferNeedText',
    validator: {
      validate: (value: unknown) => offerNeedTextProblem(value) === null,
      defaultMessage: (args) =>
        `expected ${offerNeedTextProblem(args?.value) ?? 'a text'}, got ${describeValue(args?.value)}`,
    },
  });
}

/** One standing offer or need as a partner writes it. */
@InputType({
  description: `Ein Angebot oder Bedarf (an offer or a need): a text of 1-${MAX_OFFER_NEED_TEXT} characters and up to ${MAX_OFFER_NEED_TOPICS} topic keys.`,
})
export class OfferOrNeedInput {
  @Field(() => String, {
    description: `1-${MAX_OFFER_NEED_TEXT} characters after trimming, at least one word, no control characters (no line breaks). Stored trimmed.`,
  })
  @IsOfferNeedText()
  text!: string;

  @Field(() => [String], {
    nullable: true,
    description: `Distinct known topic keys, at most ${MAX_OFFER_NEED_TOPICS}; null means none.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_OFFER_NEED_TOPICS, expected(`at most ${MAX_OFFER_NEED_TOPICS} topics`))
  @ArrayUnique(expected('distinct topic keys'))
  @Matches(KEY_PATTERN, expectedEach('a lower-case key such as "youth"', isKey))
  topicKeys?: string[] | null;
}

/**
 * The validation of an `offers` or `needs` list field: optional, at most
 * {@link MAX_OFFERS_OR_NEEDS} items, each item checked on its own (paths such as
 * `input.offers[2].text`).
 *
 * @param noun - the plural for the message, e.g. "offers"
 */
export function OfferNeedList(noun: string): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    ArrayMaxSize(MAX_OFFERS_OR_NEEDS, expected(`at most ${MAX_OFFERS_OR_NEEDS} ${noun}`))(
      target,
      property,
    );
    ValidateNested({ each: true })(target, property);
  };
}
