import { ArrayMaxSize, ArrayUnique, IsIn } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { expected } from '../common/validation';
import { NotificationKind } from './outbox';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a partner is told about (Benachrichtigung); one kind per event.',
});

/** Whether a notification went out by e-mail. */
export enum EmailStatus {
  /** Not sent yet: waiting for the dispatcher, retrying after a failure, or no SMTP configured. */
  PENDING = 'PENDING',
  /** Handed to the SMTP server. */
  SENT = 'SENT',
  /** Not sent by e-mail: the partner has no e-mail address or does not want this kind by e-mail. */
  SKIPPED = 'SKIPPED',
}
registerEnumType(EmailStatus, {
  name: 'NotificationEmailStatus',
  description: 'Whether a notification went out by e-mail: PENDING, SENT or SKIPPED.',
});

/** The languages a partner can choose for its e-mails. */
export enum NotificationLanguage {
  DE = 'DE',
  EN = 'EN',
}
registerEnumType(NotificationLanguage, {
  name: 'NotificationLanguage',
  description: 'The language of notification e-mails: DE (German, the default) or EN.',
});

/** One notification of a partner, in the app. */
@ObjectType({
  description:
    'Something that concerns the partner (Benachrichtigung): a contact request, a proposal, a match. Only the partner itself sees its notifications.',
})
export class Notification {
  @Field(() => ID, { description: 'Also the e-mail’s Message-ID: <id@vielfalt.local>.' })
  id!: string;

  /** The partner told; not a field: it is always the caller. */
  partnerId!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => ID, { description: 'The contact request, cooperation or match it is about.' })
  subjectId!: string;

  @Field(() => ID, { nullable: true, description: 'The other partner of the event.' })
  otherPartnerId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The other partner’s name when the event happened.',
  })
  otherPartnerName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The request’s message or the cooperation’s title; null for none.',
  })
  text!: string | null;

  @Field(() => String, { description: 'When it was written (ISO date-time).' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'When the partner marked it read.' })
  readAt!: string | null;

  @Field(() => EmailStatus)
  emailStatus!: EmailStatus;

  @Field(() => String, { nullable: true, description: 'When the e-mail went out.' })
  emailSentAt!: string | null;
}

/** Relay connection of notifications. */
export const NotificationConnection = connectionType(Notification, 'Notification');

/** What a partner gets by e-mail. */
@ObjectType({ description: 'What a partner gets by e-mail, and in which language.' })
export class NotificationSettings {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => NotificationLanguage)
  language!: NotificationLanguage;

  @Field(() => [NotificationKind], {
    description: 'The kinds sent by e-mail (all of them unless the partner chose).',
  })
  emailKinds!: NotificationKind[];

  @Field(() => Boolean, {
    description:
      'Whether the partner has a contact e-mail address; without one nothing is sent by e-mail.',
  })
  hasEmailAddress!: boolean;
}

const KINDS = Object.values(NotificationKind);

/** Input of `updateNotificationSettings`. */
@InputType({ description: 'What a partner wants by e-mail; every other kind stays in-app only.' })
export class NotificationSettingsInput {
  @Field(() => NotificationLanguage)
  @IsIn(Object.values(NotificationLanguage), expected('DE or EN'))
  language!: NotificationLanguage;

  @Field(() => [NotificationKind], {
    description: 'The kinds to get by e-mail; [] for none (the in-app list still has them all).',
  })
  @ArrayUnique(expected('each kind at most once'))
  @ArrayMaxSize(KINDS.length, expected(`at most ${KINDS.length} kinds`))
  emailKinds!: NotificationKind[];
}
