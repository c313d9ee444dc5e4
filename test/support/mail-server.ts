import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../src/ops/mail-catcher';

export type { CaughtMail, MailCatcher };

/**
 * Starts the in-process mail catcher (a real SMTP server, src/ops/mail-catcher.ts) on a free
 * port. `stopSmtp()` and `startSmtp()` simulate an outage on the same port; dispose it with
 * `stop()` in `afterAll`.
 */
export function startMailServer(): Promise<MailCatcher> {
  return startMailCatcher({ smtpPort: 0 });
}

/** Waits until `pick` finds what it wants in the received mails, or fails after `timeoutMs`. */
export async function waitForMail<T>(
  catcher: MailCatcher,
  pick: (mails: CaughtMail[]) => T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pick(catcher.messages());
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      throw new Error(`no such mail within ${timeoutMs} ms; got ${catcher.messages().length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
