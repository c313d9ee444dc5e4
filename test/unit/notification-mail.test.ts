import {
  ALERT_AFTER_ATTEMPTS,
  emailChannel,
  retryDelayMs,
} from '../../src/notifications/delivery-settings';
import {
  escapeHtml,
  type MailFacts,
  notificationLink,
  renderNotificationMail,
} from '../../src/notifications/email-templates';
import { isConnectionError, messageIdOf } from '../../src/notifications/mailer';
import { NotificationKind } from '../../src/notifications/outbox';

const facts = (change: Partial<MailFacts> = {}): MailFacts => ({
  kind: NotificationKind.CONTACT_REQUESTED,
  language: 'de',
  recipientName: 'Jugendhaus Neckarstadt',
  otherPartnerName: 'Moscheeverein Jungbusch',
  text: 'Wir planen ein Sportfest und suchen Partner.',
  subjectId: 'cr-1',
  publicUrl: 'https://vielfalt.example',
  ...change,
});

const KINDS = Object.values(NotificationKind);

describe('notification e-mails', () => {
  it.each(KINDS)('should render %s in German and English, naming the other partner', (kind) => {
    const de = renderNotificationMail(facts({ kind }));
    const en = renderNotificationMail(facts({ kind, language: 'en' }));
    for (const mail of [de, en]) {
      expect(mail.subject.length).toBeGreaterThan(0);
      expect(`${mail.subject} ${mail.text}`).toContain('Moscheeverein Jungbusch');
      expect(mail.text).toContain(notificationLink('https://vielfalt.example', kind, 'cr-1'));
      expect(mail.html).toContain('href="https://vielfalt.example/');
    }
    expect(de.subject).not.toBe(en.subject);
    expect(de.text).toContain('Liebes Team von Jugendhaus Neckarstadt');
    expect(en.text).toContain('Dear');
    expect(de.html).toContain('<html lang="de">');
    expect(en.html).toContain('<html lang="en">');
  });

  it('should link each kind to its page below PUBLIC_URL', () => {
    expect(notificationLink('https://x.org', NotificationKind.CONTACT_ACCEPTED, 'cr-1')).toBe(
      'https://x.org/kontakte/cr-1',
    );
    expect(notificationLink('https://x.org', NotificationKind.COOPERATION_PROPOSED, 'c 1')).toBe(
      'https://x.org/kooperationen/c%201',
    );
    expect(notificationLink('https://x.org', NotificationKind.EXCHANGE_MATCH, 'm-1')).toBe(
      'https://x.org/boerse/treffer/m-1',
    );
  });

  it('should quote the message of a contact request and the title of a proposal', () => {
    const request = renderNotificationMail(facts());
    expect(request.text).toContain('Nachricht:\n> Wir planen ein Sportfest und suchen Partner.');
    expect(request.html).toContain('<blockquote');
    const proposal = renderNotificationMail(
      facts({
        kind: NotificationKind.COOPERATION_PROPOSED,
        text: 'Sport verbindet',
        language: 'en',
      }),
    );
    expect(proposal.text).toContain('Title:\n> Sport verbindet');
  });

  it('should quote nothing for kinds without a text or when the text is null', () => {
    const accepted = renderNotificationMail(facts({ kind: NotificationKind.CONTACT_ACCEPTED }));
    expect(accepted.text).not.toContain('Sportfest');
    const empty = renderNotificationMail(facts({ text: null }));
    expect(empty.html).not.toContain('<blockquote');
  });

  it('should escape every value in the HTML part', () => {
    const evil = '<script>alert("x")</script> & \'quotes\'';
    const mail = renderNotificationMail(
      facts({ otherPartnerName: evil, recipientName: evil, text: evil, subjectId: '"><img>' }),
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('"><img>');
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;',
    );
    // The plain-text part shows the values as they are.
    expect(mail.text).toContain(evil);
  });

  it('should keep the subject on one line', () => {
    const mail = renderNotificationMail(facts({ otherPartnerName: 'A\r\nBcc: x@evil.org' }));
    expect(mail.subject).toBe('Kontaktanfrage von A Bcc: x@evil.org');
  });

  it('should name "ein Partner" / "a partner" when the other partner is unknown', () => {
    expect(renderNotificationMail(facts({ otherPartnerName: null })).subject).toBe(
      'Kontaktanfrage von ein Partner',
    );
    expect(renderNotificationMail(facts({ otherPartnerName: null, language: 'en' })).subject).toBe(
      'Contact request from a partner',
    );
  });

  it('should escape HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

describe('e-mail channel', () => {
  const kind = NotificationKind.EXCHANGE_MATCH;

  it('should send in German by default and in English when chosen', () => {
    expect(emailChannel(kind, { email: 'a@b.org', language: null, emailKinds: null })).toEqual({
      send: true,
      to: 'a@b.org',
      language: 'de',
    });
    expect(emailChannel(kind, { email: 'a@b.org', language: 'EN', emailKinds: [kind] })).toEqual({
      send: true,
      to: 'a@b.org',
      language: 'en',
    });
  });

  it('should skip partners without an address and kinds turned off', () => {
    expect(emailChannel(kind, { email: null, language: null, emailKinds: null })).toEqual({
      send: false,
      reason: 'NO_ADDRESS',
    });
    expect(emailChannel(kind, { email: '  ', language: null, emailKinds: null }).send).toBe(false);
    expect(emailChannel(kind, { email: 'a@b.org', language: null, emailKinds: [] })).toEqual({
      send: false,
      reason: 'OPTED_OUT',
    });
  });
});

describe('retry back-off', () => {
  const policy = { minMs: 2_000, maxMs: 300_000 };

  it('should double per attempt within [step/2, step]', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBe(2_000);
    expect(retryDelayMs(2, policy, () => 0)).toBe(2_000);
    expect(retryDelayMs(4, policy, () => 0.5)).toBe(12_000);
  });

  it('should stay at the cap for ever, never giving up', () => {
    for (const attempts of [9, 10, 50, ALERT_AFTER_ATTEMPTS * 100, 1e9]) {
      const delay = retryDelayMs(attempts, policy, () => 1);
      expect(delay).toBe(300_000);
      expect(retryDelayMs(attempts, policy, () => 0)).toBe(150_000);
    }
  });

  it('should spread retries of one outage (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(16_000);
      expect(delay).toBeLessThanOrEqual(32_000);
    }
  });

  it('should treat a cap below the minimum as the minimum', () => {
    expect(retryDelayMs(3, { minMs: 5_000, maxMs: 1_000 }, () => 1)).toBe(5_000);
  });
});

describe('message ids and SMTP errors', () => {
  it('should derive the Message-ID from the notification id', () => {
    expect(messageIdOf('n-123')).toBe('<n-123@vielfalt.local>');
  });

  it('should tell connection failures from refused mails', () => {
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'EENVELOPE' }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});
