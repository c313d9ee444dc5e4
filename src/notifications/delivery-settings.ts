/** How one API process delivers notifications (from `SMTP_URL`, `MAIL_FROM`, … in src/config.ts). */
export interface DeliverySettings {
  /** `SMTP_URL`; unset: no e-mails are sent (they stay PENDING), the in-app channel still works. */
  smtpUrl?: string;
  /** `MAIL_FROM`: the sender of every notification e-mail. */
  mailFrom: string;
  /** `PUBLIC_URL` without a trailing slash: the frontend, where the links in e-mails point. */
  publicUrl: string;
  /** `NOTIFY_POLL_MS`: how often the dispatcher looks for due e-mails and new notifications. */
  pollMs: number;
  /** `NOTIFY_RETRY_MIN_MS` / `NOTIFY_RETRY_MAX_MS`: the back-off between failed attempts. */
  retry: RetryPolicy;
}

/** The exponential back-off of failed e-mails (see {@link retryDelayMs}). */
export interface RetryPolicy {
  /** The wait after the first failure. @default 2_000 */
  minMs: number;
  /** The longest wait; reached after a few failures and kept from then on. @default 300_000 */
  maxMs: number;
}

/**
 * How long to wait before attempt `attempts + 1` of an e-mail after `attempts` failures:
 * `minMs · 2^(attempts−1)`, capped at `maxMs`, then "equal jitter" — a random point in the upper
 * half — so that the e-mails that failed together in one outage do not all retry at the same
 * instant and hit the returning SMTP server at once, while none waits less than half its step.
 * There is no last attempt: after many failures an e-mail keeps being tried every ~`maxMs`.
 *
 * @param attempts - failed attempts so far, at least 1 (values below count as 1)
 * @param random - a number in [0, 1); `Math.random` outside tests
 * @returns milliseconds, in [step/2, step] where step = min(maxMs, minMs · 2^(attempts−1))
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const max = Math.max(policy.minMs, policy.maxMs);
  // 2^40 already exceeds any cap; the exponent stays bounded for e-mails failing for weeks.
  const exponent = Math.min(Math.max(attempts, 1) - 1, 40);
  const step = Math.min(max, policy.minMs * 2 ** exponent);
  return Math.round(step / 2 + (step / 2) * random());
}

/** After this many failed attempts an e-mail is logged as an error (and counted) once. */
export const ALERT_AFTER_ATTEMPTS = 10;

/** A recipient as the dispatcher reads it with the notification. */
export interface Recipient {
  /** The partner's `contactEmail`; `null` when it has none (or was erased). */
  email: string | null;
  /** `notifyLanguage`: 'EN' for English, anything else (unset) German. */
  language: string | null;
  /** `notifyEmailKinds`; `null` when the partner never chose: every kind. */
  emailKinds: string[] | null;
}

/** What the dispatcher does with one notification's e-mail. */
export type EmailChannel =
  | { send: true; to: string; language: 'de' | 'en' }
  | { send: false; reason: 'NO_ADDRESS' | 'OPTED_OUT' };

/**
 * Decides whether a notification goes out by e-mail, and in which language: not without an
 * address, not for a kind the partner turned off; German unless the partner chose English. Pure.
 */
export function emailChannel(kind: string, recipient: Recipient): EmailChannel {
  const to = recipient.email?.trim() ?? '';
  if (to === '') return { send: false, reason: 'NO_ADDRESS' };
  if (recipient.emailKinds !== null && !recipient.emailKinds.includes(kind)) {
    return { send: false, reason: 'OPTED_OUT' };
  }
  return { send: true, to, language: recipient.language === 'EN' ? 'en' : 'de' };
}
