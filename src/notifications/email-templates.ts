import { NotificationKind } from './outbox';

/** The languages notification e-mails are written in; German unless the partner chose English. */
export type MailLanguage = 'de' | 'en';

/** What one notification e-mail is made from: the stored notification and its recipient. */
export interface MailFacts {
  kind: NotificationKind;
  language: MailLanguage;
  /** The recipient partner's name, for the greeting. */
  recipientName: string;
  /** The other partner's name as it was when the event happened; `null` when unknown. */
  otherPartnerName: string | null;
  /** The request's message or the cooperation's title; `null` for none. */
  text: string | null;
  /** The contact request, cooperation or match; it makes the link. */
  subjectId: string;
  /** `PUBLIC_URL` without a trailing slash. */
  publicUrl: string;
}

/** A rendered e-mail: a one-line subject, a plain-text body and the same as HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The frontend page each kind links to, below `PUBLIC_URL`. */
const PAGE: Record<NotificationKind, string> = {
  [NotificationKind.CONTACT_REQUESTED]: '/kontakte',
  [NotificationKind.CONTACT_ACCEPTED]: '/kontakte',
  [NotificationKind.COOPERATION_PROPOSED]: '/kooperationen',
  [NotificationKind.COOPERATION_CONFIRMED]: '/kooperationen',
  [NotificationKind.COOPERATION_ACTIVE]: '/kooperationen',
  [NotificationKind.COOPERATION_DECLINED]: '/kooperationen',
  [NotificationKind.COOPERATION_WITHDRAWN]: '/kooperationen',
  [NotificationKind.COOPERATION_EXPIRED]: '/kooperationen',
  [NotificationKind.EXCHANGE_MATCH]: '/boerse/treffer',
};

/** Where the partner changes what it gets by e-mail, below `PUBLIC_URL`. */
export const SETTINGS_PAGE = '/einstellungen/benachrichtigungen';

/** The link of a notification: `PUBLIC_URL` + the kind's page + the subject's id (encoded). */
export function notificationLink(
  publicUrl: string,
  kind: NotificationKind,
  subjectId: string,
): string {
  return `${publicUrl}${PAGE[kind]}/${encodeURIComponent(subjectId)}`;
}

/** Escapes a value for HTML text and attribute values (double-quoted). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One line for a header: control characters (line breaks included) become spaces. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/** The sentences of one e-mail before they become text or HTML; `quote` and `link` are values. */
interface Wording {
  subject: string;
  /** Paragraphs before the quote. */
  lead: string[];
  /** The label of the quoted text ("Nachricht", "Titel"); `null`: no quote. */
  quoteLabel: string | null;
  /** Paragraphs after the quote, before the link. */
  after: string[];
  linkLabel: string;
}

type Words = (other: string) => Wording;

const GERMAN: Record<NotificationKind, Words> = {
  [NotificationKind.CONTACT_REQUESTED]: (other) => ({
    subject: `Kontaktanfrage von ${other}`,
    lead: [`${other} möchte mit Ihnen in Kontakt kommen und bittet um Ihre Kontaktdaten.`],
    quoteLabel: 'Nachricht',
    after: [
      'Nehmen Sie an, sehen Sie beide die Kontaktdaten der anderen Seite. Lehnen Sie ab, erfährt die anfragende Seite nur „gerade nicht“.',
    ],
    linkLabel: 'Anfrage ansehen und beantworten',
  }),
  [NotificationKind.CONTACT_ACCEPTED]: (other) => ({
    subject: `${other} hat Ihre Kontaktanfrage angenommen`,
    lead: [
      `${other} hat Ihre Kontaktanfrage angenommen. Sie sehen jetzt gegenseitig Ihre Kontaktdaten (Name, E-Mail, Telefon).`,
    ],
    quoteLabel: null,
    after: [],
    linkLabel: 'Kontaktdaten ansehen',
  }),
  [NotificationKind.COOPERATION_PROPOSED]: (other) => ({
    subject: `Kooperationsvorschlag von ${other}`,
    lead: [`${other} schlägt eine Kooperation vor, in der Ihre Organisation genannt ist.`],
    quoteLabel: 'Titel',
    after: [
      'Die Kooperation wird aktiv, sobald alle genannten Partner bestätigt haben. Bitte bestätigen Sie oder lehnen Sie ab.',
    ],
    linkLabel: 'Vorschlag ansehen',
  }),
  [NotificationKind.COOPERATION_CONFIRMED]: (other) => ({
    subject: `${other} hat die vorgeschlagene Kooperation bestätigt`,
    lead: [`${other} hat eine vorgeschlagene Kooperation bestätigt, in der Sie genannt sind.`],
    quoteLabel: 'Titel',
    after: ['Sobald alle genannten Partner bestätigt haben, ist die Kooperation aktiv.'],
    linkLabel: 'Vorschlag ansehen',
  }),
  [NotificationKind.COOPERATION_ACTIVE]: (other) => ({
    subject: 'Ihre Kooperation ist aktiv',
    lead: [
      `Alle genannten Partner haben bestätigt, zuletzt ${other}: Die Kooperation ist jetzt aktiv.`,
    ],
    quoteLabel: 'Titel',
    after: [],
    linkLabel: 'Kooperation ansehen',
  }),
  [NotificationKind.COOPERATION_DECLINED]: (other) => ({
    subject: `${other} hat den Kooperationsvorschlag abgelehnt`,
    lead: [`${other} hat einen Kooperationsvorschlag abgelehnt, in dem Sie genannt sind.`],
    quoteLabel: 'Titel',
    after: [],
    linkLabel: 'Vorschlag ansehen',
  }),
  [NotificationKind.COOPERATION_WITHDRAWN]: (other) => ({
    subject: `${other} hat den Kooperationsvorschlag zurückgezogen`,
    lead: [`${other} hat einen Kooperationsvorschlag zurückgezogen, in dem Sie genannt waren.`],
    quoteLabel: 'Titel',
    after: [],
    linkLabel: 'Vorschlag ansehen',
  }),
  [NotificationKind.COOPERATION_EXPIRED]: (other) => ({
    subject: 'Ein Kooperationsvorschlag ist abgelaufen',
    lead: [
      `Ein Kooperationsvorschlag von ${other} wurde nicht rechtzeitig von allen genannten Partnern bestätigt und ist abgelaufen.`,
    ],
    quoteLabel: 'Titel',
    after: [],
    linkLabel: 'Vorschlag ansehen',
  }),
  [NotificationKind.EXCHANGE_MATCH]: (other) => ({
    subject: `Gegenseitiges Interesse mit ${other}`,
    lead: [
      `Auf der Kooperationsbörse haben Sie und ${other} gegenseitig Interesse aneinander bekundet.`,
    ],
    quoteLabel: null,
    after: ['Jetzt können Sie Kontakt aufnehmen oder gleich eine Kooperation vorschlagen.'],
    linkLabel: 'Treffer ansehen',
  }),
};

const ENGLISH: Record<NotificationKind, Words> = {
  [NotificationKind.CONTACT_REQUESTED]: (other) => ({
    subject: `Contact request from ${other}`,
    lead: [`${other} would like to get in touch and asks for your contact details.`],
    quoteLabel: 'Message',
    after: [
      'If you accept, you both see each other’s contact details. If you decline, the requester only learns “not now”.',
    ],
    linkLabel: 'View and answer the request',
  }),
  [NotificationKind.CONTACT_ACCEPTED]: (other) => ({
    subject: `${other} accepted your contact request`,
    lead: [
      `${other} accepted your contact request. You now see each other’s contact details (name, e-mail, phone).`,
    ],
    quoteLabel: null,
    after: [],
    linkLabel: 'View the contact details',
  }),
  [NotificationKind.COOPERATION_PROPOSED]: (other) => ({
    subject: `Cooperation proposed by ${other}`,
    lead: [`${other} proposes a cooperation that names your organisation.`],
    quoteLabel: 'Title',
    after: [
      'The cooperation becomes active once every named partner has confirmed. Please confirm or decline.',
    ],
    linkLabel: 'View the proposal',
  }),
  [NotificationKind.COOPERATION_CONFIRMED]: (other) => ({
    subject: `${other} confirmed the proposed cooperation`,
    lead: [`${other} confirmed a proposed cooperation that names you.`],
    quoteLabel: 'Title',
    after: ['Once every named partner has confirmed, the cooperation is active.'],
    linkLabel: 'View the proposal',
  }),
  [NotificationKind.COOPERATION_ACTIVE]: (other) => ({
    subject: 'Your cooperation is active',
    lead: [`Every named partner has confirmed, ${other} last: the cooperation is now active.`],
    quoteLabel: 'Title',
    after: [],
    linkLabel: 'View the cooperation',
  }),
  [NotificationKind.COOPERATION_DECLINED]: (other) => ({
    subject: `${other} declined the proposed cooperation`,
    lead: [`${other} declined a proposed cooperation that names you.`],
    quoteLabel: 'Title',
    after: [],
    linkLabel: 'View the proposal',
  }),
  [NotificationKind.COOPERATION_WITHDRAWN]: (other) => ({
    subject: `${other} withdrew the proposed cooperation`,
    lead: [`${other} withdrew a proposed cooperation that named you.`],
    quoteLabel: 'Title',
    after: [],
    linkLabel: 'View the proposal',
  }),
  [NotificationKind.COOPERATION_EXPIRED]: (other) => ({
    subject: 'A proposed cooperation expired',
    lead: [
      `A cooperation proposed by ${other} was not confirmed by every named partner in time and has expired.`,
    ],
    quoteLabel: 'Title',
    after: [],
    linkLabel: 'View the proposal',
  }),
  [NotificationKind.EXCHANGE_MATCH]: (other) => ({
    subject: `Mutual interest with ${other}`,
    lead: [`At the cooperation exchange, you and ${other} both expressed interest in each other.`],
    quoteLabel: null,
    after: ['You can now ask for contact or propose a cooperation right away.'],
    linkLabel: 'View the match',
  }),
};

const FRAME = {
  de: {
    greeting: (name: string) => `Liebes Team von ${name},`,
    unknownPartner: 'ein Partner',
    closing: 'Viele Grüße\nIhr Bündnis für Vielfalt',
    footer: 'Welche Benachrichtigungen Sie per E-Mail erhalten, stellen Sie hier ein:',
  },
  en: {
    greeting: (name: string) => `Dear ${name} team,`,
    unknownPartner: 'a partner',
    closing: 'Kind regards\nBündnis für Vielfalt',
    footer: 'Choose which notifications you receive by e-mail here:',
  },
} as const;

/**
 * Renders one notification e-mail in the partner's language: a subject naming the other
 * partner, a plain-text body and the same as HTML, quoting `text` where the kind has a quote, with
 * a link to the frontend. Every value (names, text, ids, the link) is escaped in the HTML, so a
 * partner's name or message can never add markup; the subject is kept to one line. Pure.
 */
export function renderNotificationMail(facts: MailFacts): RenderedMail {
  const frame = FRAME[facts.language];
  const other = oneLine(facts.otherPartnerName ?? '') || frame.unknownPartner;
  const words = (facts.language === 'en' ? ENGLISH : GERMAN)[facts.kind](other);
  const link = notificationLink(facts.publicUrl, facts.kind, facts.subjectId);
  const settings = `${facts.publicUrl}${SETTINGS_PAGE}`;
  const quote = words.quoteLabel !== null && facts.text ? facts.text : null;
  const greeting = frame.greeting(oneLine(facts.recipientName));

  const text = [
    greeting,
    ...words.lead,
    ...(quote !== null ? [`${words.quoteLabel}:\n${indent(quote)}`] : []),
    ...words.after,
    `${words.linkLabel}:\n${link}`,
    frame.closing,
    `--\n${frame.footer}\n${settings}`,
  ].join('\n\n');

  const paragraph = (value: string) => `<p>${escapeHtml(value).replace(/\n/g, '<br>')}</p>`;
  const anchor = (href: string, label: string) =>
    `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${facts.language}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(words.subject))}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5;">',
    paragraph(greeting),
    ...words.lead.map(paragraph),
    ...(quote !== null
      ? [
          `<p><strong>${escapeHtml(words.quoteLabel ?? '')}:</strong></p>`,
          `<blockquote style="border-left: 3px solid #ccc; margin: 0; padding-left: 1em;">${paragraph(quote)}</blockquote>`,
        ]
      : []),
    ...words.after.map(paragraph),
    `<p>${anchor(link, words.linkLabel)}</p>`,
    paragraph(frame.closing),
    `<hr><p style="font-size: smaller;">${escapeHtml(frame.footer)} ${anchor(settings, settings)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: oneLine(words.subject), text, html };
}

/** Quotes a text in plain-text mail style: every line starts with "> ". */
function indent(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}
