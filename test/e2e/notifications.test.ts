import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import {
  enqueueNotifications,
  type NotificationDraft,
  NotificationKind,
} from '../../src/notifications/outbox';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import {
  type CaughtMail,
  type MailCatcher,
  startMailServer,
  waitForMail,
} from '../support/mail-server';
import { describeRoleMatrix, type MatrixOutcome } from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp, wsClient } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-notify-';
const TITLE = 'T-Notify ';
const PUBLIC_URL = 'https://vielfalt.test';

const PARTNERS: TestPartner[] = [
  ['de', 'ACTIVE', []],
  ['en', 'ACTIVE', []],
  ['optout', 'ACTIVE', []],
  ['noemail', 'ACTIVE', []],
  ['other', 'ACTIVE', []],
];
const id = (name: string) => `${PREFIX}${name}`;
const emailOf = (name: string) => `${name}@notify.test`;

const FIELDS =
  'id kind subjectId otherPartnerId otherPartnerName text createdAt readAt emailStatus';
const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`;
const SETTINGS = `query($p: ID) { notificationSettings(partnerId: $p) { partnerId language emailKinds hasEmailAddress } }`;
const UPDATE = `mutation($input: NotificationSettingsInput!, $p: ID) {
  updateNotificationSettings(input: $input, partnerId: $p) { partnerId language emailKinds } }`;
const SUBSCRIBE = `subscription { myNotifications { ${FIELDS} } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface Listed {
  notifications: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; subjectId: string; readAt: string | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('notifications', () => {
  let app: App;
  let mail: MailCatcher;
  let subjects = 0;

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));
  const http = async <T = Record<string, unknown>>(query: string, vars: Vars, headers: Headers) =>
    (await postGraphQL<T>(app, query, vars, headers)).body;
  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  /** Writes one notification in a real write transaction, as the other slices do; returns its id. */
  async function notify(
    to: string,
    kind = NotificationKind.CONTACT_REQUESTED,
    text: string | null = 'Wir planen ein <Sportfest> & suchen Partner.',
  ): Promise<string> {
    subjects += 1;
    const draft: NotificationDraft = {
      partnerId: id(to),
      kind,
      subjectId: `${PREFIX}subject-${subjects}`,
      otherPartnerId: id('other'),
      text,
    };
    await app.database.executor.writeTransaction((tx) => enqueueNotifications(tx, [draft]));
    const [row] = await cypher<{ id: string }>(
      'MATCH (n:Notification {subjectId: $s}) RETURN n.id AS id',
      { s: draft.subjectId },
    );
    return row?.id as string;
  }

  const statusOf = async (notificationId: string) =>
    (
      await cypher<{ status: string }>(
        'MATCH (n:Notification {id: $id}) RETURN n.emailStatus AS status',
        { id: notificationId },
      )
    )[0]?.status;

  async function eventuallyStatus(notificationId: string, status: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while ((await statusOf(notificationId)) !== status) {
      if (Date.now() > deadline) throw new Error(`${notificationId} never became ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const mailOf = (notificationId: string) =>
    waitForMail(mail, (mails) =>
      mails.find((m) => m.messageId === `<${notificationId}@vielfalt.local>`),
    );

  beforeAll(async () => {
    mail = await startMailServer();
    app = await startTestApp({
      SMTP_URL: mail.smtpUrl,
      PUBLIC_URL,
      NOTIFY_POLL_MS: '200',
    });
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    await cypher(
      `UNWIND $rows AS row MATCH (p:Partner {id: row.id}) SET p.contactEmail = row.email`,
      {
        rows: ['de', 'en', 'optout', 'other'].map((name) => ({
          id: id(name),
          email: emailOf(name),
        })),
      },
    );
  });

  afterAll(async () => {
    await cypher('MATCH (n:Notification) WHERE n.partnerId STARTS WITH $prefix DELETE n', {
      prefix: PREFIX,
    });
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x STARTS WITH $prefix OR x STARTS WITH 'n-')
  AND a.operation IN ['markNotificationsRead', 'updateNotificationSettings'] DELETE a`,
      { prefix: PREFIX },
    );
    await cypher('MATCH (p:Partner) WHERE p.id STARTS WITH $prefix DETACH DELETE p', {
      prefix: PREFIX,
    });
    await app.stop();
    await mail.stop();
  });

  describe('e-mails', () => {
    it('should send a German e-mail with text and HTML to the contact address by default', async () => {
      const notificationId = await notify('de');
      const received: CaughtMail = await mailOf(notificationId);
      expect(received.to).toEqual([emailOf('de')]);
      expect(received.from).toContain('Bündnis für Vielfalt');
      expect(received.subject).toBe(`Kontaktanfrage von ${TITLE}other`);
      expect(received.headers['content-language']).toBe('de');
      expect(received.text).toContain('Wir planen ein <Sportfest> & suchen Partner.');
      expect(received.text).toContain(`${PUBLIC_URL}/kontakte/${PREFIX}subject-`);
      expect(received.html).toContain('Wir planen ein &lt;Sportfest&gt; &amp; suchen Partner.');
      expect(received.html).toContain(`href="${PUBLIC_URL}/kontakte/${PREFIX}subject-`);
      await eventuallyStatus(notificationId, 'SENT');
      const [row] = await cypher<{ sentAt: string | null; attempts: number }>(
        'MATCH (n:Notification {id: $id}) RETURN toString(n.sentAt) AS sentAt, n.attempts AS attempts',
        { id: notificationId },
      );
      expect(row?.sentAt).not.toBeNull();
      expect(row?.attempts).toBe(1);
    });

    it('should write in English for a partner that chose English', async () => {
      const body = await http(
        UPDATE,
        { input: { language: 'EN', emailKinds: Object.values(NotificationKind) } },
        await partnerAuth(id('en')),
      );
      expect(body.errors).toBeUndefined();
      const notificationId = await notify(
        'en',
        NotificationKind.COOPERATION_PROPOSED,
        'Sport verbindet',
      );
      const received = await mailOf(notificationId);
      expect(received.to).toEqual([emailOf('en')]);
      expect(received.subject).toBe(`Cooperation proposed by ${TITLE}other`);
      expect(received.text).toContain('Title:\n> Sport verbindet');
      expect(received.html).toContain(`href="${PUBLIC_URL}/kooperationen/${PREFIX}subject-`);
    });

    it('should skip kinds the partner turned off, and partners without an address', async () => {
      const body = await http(
        UPDATE,
        { input: { language: 'DE', emailKinds: [NotificationKind.EXCHANGE_MATCH] } },
        await partnerAuth(id('optout')),
      );
      expect(body.data).toEqual({
        updateNotificationSettings: {
          partnerId: id('optout'),
          language: 'DE',
          emailKinds: [NotificationKind.EXCHANGE_MATCH],
        },
      });
      const optedOut = await notify('optout', NotificationKind.CONTACT_REQUESTED);
      const noAddress = await notify('noemail', NotificationKind.CONTACT_REQUESTED);
      const wanted = await notify('optout', NotificationKind.EXCHANGE_MATCH, null);
      await eventuallyStatus(optedOut, 'SKIPPED');
      await eventuallyStatus(noAddress, 'SKIPPED');
      await mailOf(wanted);
      const ids = mail.messages().map((m) => m.messageId);
      expect(ids).not.toContain(`<${optedOut}@vielfalt.local>`);
      expect(ids).not.toContain(`<${noAddress}@vielfalt.local>`);
    });
  });

  describe('in-app list', () => {
    it('should list only the calling partner’s notifications, newest first, page by page', async () => {
      const first = await notify('other', NotificationKind.EXCHANGE_MATCH, null);
      const second = await notify('other', NotificationKind.CONTACT_ACCEPTED, null);
      const own = await partnerAuth(id('other'));
      const page1 = await http<Listed>(LIST, { first: 1 }, own);
      expect(page1.errors).toBeUndefined();
      expect(page1.data?.notifications.totalCount).toBe(2);
      expect(page1.data?.notifications.edges.map((e) => e.node.id)).toEqual([second]);
      const page2 = await http<Listed>(
        LIST,
        { first: 1, after: page1.data?.notifications.pageInfo.endCursor },
        own,
      );
      expect(page2.data?.notifications.edges.map((e) => e.node.id)).toEqual([first]);
      expect(page2.data?.notifications.pageInfo.hasNextPage).toBe(false);
      // Another partner never sees them.
      const theirs = await http<Listed>(LIST, {}, await partnerAuth(id('de')));
      const seen = theirs.data?.notifications.edges.map((e) => e.node.id) ?? [];
      expect(seen).not.toContain(first);
      expect(seen).not.toContain(second);
    });

    it('should mark read (idempotently) and list unread ones only when asked', async () => {
      const own = await partnerAuth(id('other'));
      const before = await http<Listed>(LIST, { unreadOnly: true }, own);
      const unread = before.data?.notifications.edges.map((e) => e.node.id) ?? [];
      expect(unread.length).toBeGreaterThan(0);
      const marked = await http<{ markNotificationsRead: { id: string; readAt: string }[] }>(
        MARK,
        { ids: [unread[0]] },
        own,
      );
      expect(marked.errors).toBeUndefined();
      const readAt = marked.data?.markNotificationsRead[0]?.readAt;
      expect(readAt).toBeTruthy();
      const again = await http<{ markNotificationsRead: { readAt: string }[] }>(
        MARK,
        { ids: [unread[0]] },
        own,
      );
      expect(again.data?.markNotificationsRead[0]?.readAt).toBe(readAt);
      const after = await http<Listed>(LIST, { unreadOnly: true }, own);
      expect(after.data?.notifications.totalCount).toBe(unread.length - 1);
    });

    it('should refuse ids of other partners’ notifications with NOT_FOUND and mark nothing', async () => {
      const theirs = await notify('de', NotificationKind.EXCHANGE_MATCH, null);
      const mine = await notify('other', NotificationKind.EXCHANGE_MATCH, null);
      const body = await http(MARK, { ids: [mine, theirs] }, await partnerAuth(id('other')));
      expect(codeOf(body)).toBe('NOT_FOUND');
      expect(body.errors?.[0]?.extensions?.argument).toBe('ids');
      const [row] = await cypher<{ readAt: unknown }>(
        'MATCH (n:Notification {id: $id}) RETURN n.readAt AS readAt',
        { id: mine },
      );
      expect(row?.readAt).toBeNull();
      expect(codeOf(await http(MARK, { ids: [] }, await partnerAuth(id('other'))))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('settings', () => {
    it('should default to German and every kind', async () => {
      const body = await http(SETTINGS, {}, await partnerAuth(id('de')));
      expect(body.data).toEqual({
        notificationSettings: {
          partnerId: id('de'),
          language: 'DE',
          emailKinds: Object.values(NotificationKind),
          hasEmailAddress: true,
        },
      });
    });

    it('should let coordinators read and set any partner’s settings, naming the partner', async () => {
      const coordinator = await coordinatorAuth();
      expect(codeOf(await http(SETTINGS, {}, coordinator))).toBe('BAD_USER_INPUT');
      expect(codeOf(await http(SETTINGS, { p: id('missing') }, coordinator))).toBe('NOT_FOUND');
      const read = await http(SETTINGS, { p: id('noemail') }, coordinator);
      expect(read.data).toMatchObject({ notificationSettings: { hasEmailAddress: false } });
    });

    it('should refuse a kind listed twice with the field’s path', async () => {
      const body = await http(
        UPDATE,
        { input: { language: 'DE', emailKinds: ['EXCHANGE_MATCH', 'EXCHANGE_MATCH'] } },
        await partnerAuth(id('de')),
      );
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.fields).toEqual([
        expect.objectContaining({ path: 'input.emailKinds' }),
      ]);
    });
  });

  describe('myNotifications over graphql-ws', () => {
    it('should deliver a new notification of the subscribing partner after its commit', async () => {
      const client = wsClient(app, await partnerAuth(id('de')));
      const got: { id: string; kind: string; otherPartnerName: string }[] = [];
      const started = Date.now();
      let latencyMs = 0;
      const unsubscribe = client.subscribe<{ myNotifications: (typeof got)[number] }>(
        { query: SUBSCRIBE },
        {
          next: (value) => {
            if (value.data) got.push(value.data.myNotifications);
            latencyMs = Date.now() - started;
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      try {
        // Let the subscription start (the feed reads what exists first).
        await new Promise((resolve) => setTimeout(resolve, 500));
        await notify('other', NotificationKind.EXCHANGE_MATCH, null); // not for this partner
        const mine = await notify('de', NotificationKind.COOPERATION_ACTIVE, 'Sport verbindet');
        const deadline = Date.now() + 10_000;
        while (!got.some((n) => n.id === mine) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(got).toEqual([
          expect.objectContaining({
            id: mine,
            kind: 'COOPERATION_ACTIVE',
            otherPartnerName: `${TITLE}other`,
          }),
        ]);
        expect(latencyMs).toBeLessThan(10_000);
      } finally {
        unsubscribe();
        await client.dispose();
      }
    });
  });

  describe('role × operation matrix', () => {
    type Actor = 'PUBLIC' | 'PARTNER (own)' | 'PARTNER (other)' | 'COORDINATOR';
    const partnerOnly: Record<Actor, MatrixOutcome> = {
      PUBLIC: 'UNAUTHENTICATED',
      'PARTNER (own)': 'allowed',
      'PARTNER (other)': 'allowed',
      COORDINATOR: 'FORBIDDEN',
    };
    const selfOrCoordinator: Record<Actor, MatrixOutcome> = {
      PUBLIC: 'UNAUTHENTICATED',
      'PARTNER (own)': 'allowed',
      'PARTNER (other)': 'FORBIDDEN',
      COORDINATOR: 'allowed',
    };
    /** The actors' headers; a partner's own partner is `de`. */
    const headersOf: Record<Actor, () => Promise<Headers>> = {
      PUBLIC: async () => ({}),
      'PARTNER (own)': () => partnerAuth(id('de')),
      'PARTNER (other)': () => partnerAuth(id('other')),
      COORDINATOR: coordinatorAuth,
    };

    describeRoleMatrix<Actor>({
      app: () => app,
      actors: headersOf,
      operations: [
        { name: 'notifications', query: LIST, prepare: () => ({}), outcomes: partnerOnly },
        {
          name: 'markNotificationsRead (own notification)',
          query: MARK,
          prepare: async () => ({
            ids: [await notify('de', NotificationKind.EXCHANGE_MATCH, null)],
          }),
          // Another partner may ask, but names an id that is not theirs: the refusal is about
          // the id, not the role.
          outcomes: { ...partnerOnly, 'PARTNER (other)': 'NOT_FOUND' },
        },
        {
          name: 'notificationSettings',
          query: SETTINGS,
          prepare: () => ({ p: id('de') }),
          outcomes: selfOrCoordinator,
        },
        {
          name: 'updateNotificationSettings',
          query: UPDATE,
          prepare: () => ({
            p: id('de'),
            input: { language: 'DE', emailKinds: Object.values(NotificationKind) },
          }),
          outcomes: selfOrCoordinator,
        },
      ],
    });

    it.each([
      ['PUBLIC', 'UNAUTHENTICATED'],
      ['COORDINATOR', 'FORBIDDEN'],
    ] as const)('myNotifications as %s → %s', async (actor, code) => {
      const headers = await headersOf[actor]();
      const client = wsClient(app, headers.authorization ? headers : undefined);
      try {
        const outcome = await new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: SUBSCRIBE },
            {
              next: (value) => resolve(value),
              error: (error) => resolve(error),
              complete: () => resolve('complete'),
            },
          );
        });
        const errors = Array.isArray(outcome)
          ? outcome
          : ((outcome as GraphQLResponse).errors ?? []);
        expect(errors[0]?.extensions?.code).toBe(code);
      } finally {
        await client.dispose();
      }
    });
  });
});
