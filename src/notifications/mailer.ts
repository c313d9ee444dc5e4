import nodemailer from 'nodemailer';

/** One e-mail to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The notification's id: the Message-ID is made from it, so repeats are recognisable. */
  notificationId: string;
  language: 'de' | 'en';
}

/** Sends e-mails; a rejected promise means "not accepted by the SMTP server". */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The domain of every Message-ID. */
export const MESSAGE_ID_DOMAIN = 'vielfalt.local';

/**
 * The Message-ID of a notification's e-mail, the same on every attempt and every replica: a mail
 * sent twice (a crash between sending and marking it SENT) carries the same id twice, which
 * mail servers and clients use to drop the duplicate.
 */
export function messageIdOf(notificationId: string): string {
  return `<${notificationId}@${MESSAGE_ID_DOMAIN}>`;
}

/**
 * Error codes of nodemailer that mean "the SMTP server cannot be reached or talked to", as
 * opposed to "this one mail was refused": the rest of a batch would fail the same way.
 */
const CONNECTION_ERRORS = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'EPROTOCOL',
]);

/** Whether a send error says the server is unreachable (so the whole batch would fail). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_ERRORS.has(code);
}

/** Timeouts of one SMTP conversation; the dispatcher's lease is longer than a whole batch's. */
export const SMTP_TIMEOUTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/**
 * A nodemailer SMTP transport for `SMTP_URL` (`smtp://host:port`, `smtps://user:pass@host`),
 * pooled: one or two connections carry a whole batch instead of one connection per mail.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: SMTP_TIMEOUTS.connectionMs,
    greetingTimeout: SMTP_TIMEOUTS.greetingMs,
    socketTimeout: SMTP_TIMEOUTS.socketMs,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.notificationId),
        headers: {
          'Auto-Submitted': 'auto-generated',
          'Content-Language': mail.language,
          'X-Vielfalt-Notification': mail.notificationId,
        },
      });
    },
    close: () => transport.close(),
  };
}
