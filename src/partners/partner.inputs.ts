import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsEmail,
  IsEnum,
  IsOptional,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { KEY_PATTERN, isKey } from '../common/checks';
import { MAX_OFFERS_OR_NEEDS, OfferNeedList, OfferOrNeedInput } from './offer-need.inputs';
import { PartnerKind, PartnerScope, Perspective, Sector } from './partner.types';
import { expected, expectedEach } from '../common/validation';

/** Phone numbers: digits, spaces and `+ ( ) / -`, 5–30 characters. */
export const PHONE_PATTERN = /^\+?[0-9 ()/-]{5,30}$/;

/** Most topics or dimension engagements one partner may list. */
export const MAX_REFERENCES = 30;

const KEY_TEXT = 'a lower-case key such as "social_origin"';
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const SCOPE_TEXT = 'NEIGHBOURHOOD, BOROUGH or CITY';
const OFFERS_TEXT = `Angebote (standing offers), at most ${MAX_OFFERS_OR_NEEDS}, in this order.`;
const NEEDS_TEXT = `Bedarfe (standing needs), at most ${MAX_OFFERS_OR_NEEDS}, in this order.`;
const engagementKey = (e: DimensionEngagementInput) => `${e.key}/${e.perspective}`;

/** One dimension a partner engages in, and from which perspective. */
@InputType({ description: 'A dimension (by key) and the perspective of the engagement.' })
export class DimensionEngagementInput {
  @Field(() => String, { description: 'Dimension key, e.g. `social_origin`.' })
  @Matches(KEY_PATTERN, expected(KEY_TEXT))
  key!: string;

  @Field(() => Perspective)
  @IsEnum(Perspective, expected('COMMUNITY, ADVOCACY or SERVICE'))
  perspective!: Perspective;
}

/** The signed declaration (Mannheimer Erklärung) of an organisation that wants to join. */
@InputType({ description: 'An application: the organisation signs the Mannheimer Erklärung.' })
export class ApplyForMembershipInput {
  @Field(() => String)
  @Length(2, 200, expected('a name of 2-200 characters'))
  name!: string;

  @Field(() => Sector)
  @IsEnum(Sector, expected('a sector'))
  sector!: Sector;

  @Field(() => PartnerKind)
  @IsEnum(PartnerKind, expected('a partner kind'))
  kind!: PartnerKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000, expected('a description of at most 2000 characters'))
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) address.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, expected('an http(s) URL'))
  @MaxLength(300, expected('a URL of at most 300 characters'))
  website?: string | null;

  @Field(() => String, { description: 'Contact person (private).' })
  @Length(2, 120, expected('a contact name of 2-120 characters'))
  contactName!: string;

  @Field(() => String, { description: 'Contact e-mail (private).' })
  @IsEmail({}, expected('an e-mail address'))
  @MaxLength(254, expected('an e-mail address of at most 254 characters'))
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: 'Contact phone (private).' })
  @IsOptional()
  @Matches(PHONE_PATTERN, expected('a phone number (digits, spaces, + ( ) / -)'))
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'District (Stadtteil) key.' })
  @IsOptional()
  @Matches(KEY_PATTERN, expected(KEY_TEXT))
  districtKey?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topic (field of action) keys.' })
  @IsOptional()
  @ArrayMaxSize(MAX_REFERENCES, expected(`at most ${MAX_REFERENCES} topics`))
  @ArrayUnique(expected('distinct topic keys'))
  @Matches(KEY_PATTERN, expectedEach(KEY_TEXT, isKey))
  topicKeys?: string[] | null;

  @Field(() => [DimensionEngagementInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_REFERENCES, expected(`at most ${MAX_REFERENCES} engagements`))
  @ArrayUnique(engagementKey, expected('distinct (key, perspective) pairs'))
  @ValidateNested({ each: true })
  dimensions?: DimensionEngagementInput[] | null;

  @Field(() => PartnerScope, {
    nullable: true,
    defaultValue: PartnerScope.NEIGHBOURHOOD,
    description: 'Wirkungsbereich; null means NEIGHBOURHOOD.',
  })
  @IsOptional()
  @IsEnum(PartnerScope, expected(SCOPE_TEXT))
  scope?: PartnerScope | null;

  @Field(() => [OfferOrNeedInput], { nullable: true, description: OFFERS_TEXT })
  @OfferNeedList('offers')
  offers?: OfferOrNeedInput[] | null;

  @Field(() => [OfferOrNeedInput], { nullable: true, description: NEEDS_TEXT })
  @OfferNeedList('needs')
  needs?: OfferOrNeedInput[] | null;

  @Field(() => Boolean, { description: 'Must be true: the organisation signs the declaration.' })
  @Equals(true, expected('true (the declaration must be accepted)'))
  acceptsDeclaration!: boolean;
}

/**
 * A partner's profile change. Omitted fields stay as they are; `null` clears description,
 * website, contactPhone and districtKey (and keeps scope); a given list replaces the
 * relationships, offers or needs (`[]` removes all).
 */
@InputType({ description: 'Profile change; omitted fields stay, given lists replace.' })
export class UpdatePartnerProfileInput {
  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(2000, expected('a description of at most 2000 characters'))
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, expected('an http(s) URL'))
  @MaxLength(300, expected('a URL of at most 300 characters'))
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'null keeps it.' })
  @IsOptional()
  @Length(2, 120, expected('a contact name of 2-120 characters'))
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'null keeps it.' })
  @IsOptional()
  @IsEmail({}, expected('an e-mail address'))
  @MaxLength(254, expected('an e-mail address of at most 254 characters'))
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Matches(PHONE_PATTERN, expected('a phone number (digits, spaces, + ( ) / -)'))
  contactPhone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the topics; null keeps them.' })
  @IsOptional()
  @ArrayMaxSize(MAX_REFERENCES, expected(`at most ${MAX_REFERENCES} topics`))
  @ArrayUnique(expected('distinct topic keys'))
  @Matches(KEY_PATTERN, expectedEach(KEY_TEXT, isKey))
  topicKeys?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Replaces the district; null removes it.' })
  @IsOptional()
  @Matches(KEY_PATTERN, expected(KEY_TEXT))
  districtKey?: string | null;

  @Field(() => [DimensionEngagementInput], {
    nullable: true,
    description: 'Replaces the dimension engagements; null keeps them.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_REFERENCES, expected(`at most ${MAX_REFERENCES} engagements`))
  @ArrayUnique(engagementKey, expected('distinct (key, perspective) pairs'))
  @ValidateNested({ each: true })
  dimensions?: DimensionEngagementInput[] | null;

  @Field(() => PartnerScope, { nullable: true, description: 'Wirkungsbereich; null keeps it.' })
  @IsOptional()
  @IsEnum(PartnerScope, expected(SCOPE_TEXT))
  scope?: PartnerScope | null;

  @Field(() => [OfferOrNeedInput], {
    nullable: true,
    description: `${OFFERS_TEXT} Replaces all offers: [] removes them, null keeps them.`,
  })
  @OfferNeedList('offers')
  offers?: OfferOrNeedInput[] | null;

  @Field(() => [OfferOrNeedInput], {
    nullable: true,
    description: `${NEEDS_TEXT} Replaces all needs: [] removes them, null keeps them.`,
  })
  @OfferNeedList('needs')
  needs?: OfferOrNeedInput[] | null;
}
