import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import { type MailCatcher, startMailServer, waitForMail } from '../support/mail-server';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/**
 * The journeys of issue #17 end to end, as partners walk them: from a suggestion over a contact
 * request (the e-mail read back from a real SMTP server) and shared contact data to a proposal
 * that every partner confirms — and the same with a decline and with an expiry — each counted in
 * the coordinators' funnel.
 */

const PREFIX = 't-jour-';
const TITLE = 'T-Jour ';
const TOPIC = 't_jour_topic';
const PUBLIC_URL = 'https://vielfalt.example';

/** The seeker and three candidates that add dimensions it lacks (so every pair passes the rule). */
const PARTNERS: TestPartner[] = [
  ['seeker', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']],
  ['yes', 'ACTIVE', ['religion/SERVICE', 'social_origin/COMMUNITY']],
  ['no', 'ACTIVE', ['abilities/COMMUNITY', 'sexual_orientation/ADVOCACY']],
  ['late', 'ACTIVE', ['ethnic_origin/SERVICE', 'religion/COMMUNITY']],
];
const id = (name: string) => `${PREFIX}${name}`;
const DOMAIN = 'jour.example';
const emailOf = (name: string) => `${name}@${DOMAIN}`;

const SUGGESTED = `query($p: ID!, $topic: String!) {
  suggestedPartners(partnerId: $p, first: 10, filter: {topics: [$topic]}) { partner { id } } }`;
const REQUEST = `mutation($input: RequestContactInput!) { requestContact(input: $input) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptContactRequest(id: $id) { id status } }`;
const CONTACT = `query($p: ID!) { partner(id: $p) { contactEmail } }`;
const PROPOSE = `mutation($input: CreateCooperationInput!) { createCooperation(input: $input) { id status } }`;
const CONFIRM = `mutation($id: ID!) { confirmCooperation(id: $id) { id status } }`;
const DECLINE = `mutation($id: ID!) { declineCooperation(id: $id) { id status } }`;
const ONE = `query($id: ID!) { cooperation(id: $id) { status partners { partner { id } confirmedAt } } }`;
const COUNT = `query($p: ID!) { partner(id: $p) { cooperationCount } }`;
const FUNNEL = `query($day: LocalDate!) { cooperationFunnel(from: $day, to: $day) {
  total { suggestionsViewed contactRequested contactAccepted proposed confirmed } } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface Funnel {
  suggestionsViewed: number;
  contactRequested: number;
  contactAccepted: number;
  proposed: number;
  confirmed: number;
}

describe('follow-through journeys (suggestion → contact → proposal → cooperation)', () => {
  let app: App;
  /** Proposals here expire after 2 s and are swept every 300 ms. */
  let expiringApp: App;
  let mail: MailCatcher;
  let coordinator: Headers;
  const today = new Date().toISOString().slice(0, 10);
  const as = (name: string) => partnerAuth(id(name));

  const cypher = <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  async function call<T = Record<string, unknown>>(
    query: string,
    variables: Vars,
    headers: Headers,
    on: App = app,
  ): Promise<T> {
    const { body } = await postGraphQL<T>(on, query, variables, headers);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const funnel = async (): Promise<Funnel> =>
    (await call<{ cooperationFunnel: { total: Funnel } }>(FUNNEL, { day: today }, coordinator))
      .cooperationFunnel.total;

  /** The funnel's counts once they changed from `before` by `expected` (views land within ~1 s). */
  async function funnelAfter(before: Funnel, expected: Partial<Funnel>): Promise<Funnel> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await funnel();
      const reached = Object.entries(expected).every(
        ([stage, delta]) => now[stage as keyof Funnel] - before[stage as keyof Funnel] >= delta,
      );
      if (reached || Date.now() > deadline) return now;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Suggestion → contact request → e-mail → accept → contact data seen by both. */
  async function contactOf(candidate: string): Promise<void> {
    const suggested = await call<{ suggestedPartners: { partner: { id: string } }[] }>(
      SUGGESTED,
      { p: id('seeker'), topic: TOPIC },
      await as('seeker'),
    );
    expect(suggested.suggestedPartners.map((s) => s.partner.id)).toContain(id(candidate));

    const message = `Wir würden gern mit ${TITLE}${candidate} ein Projekt beginnen.`;
    const { requestContact } = await call<{ requestContact: { id: string; status: string } }>(
      REQUEST,
      { input: { toPartnerId: id(candidate), message, context: { kind: 'SUGGESTION' } } },
      await as('seeker'),
    );
    expect(requestContact.status).toBe('PENDING');

    const invitation = await waitForMail(mail, (mails) =>
      mails.find((m) => m.to.includes(emailOf(candidate)) && m.text.includes(message)),
    );
    expect(invitation.subject).toBe(`Kontaktanfrage von ${TITLE}seeker`);
    expect(invitation.text).toContain(`${PUBLIC_URL}/kontakte/${requestContact.id}`);
    expect(invitation.html).toContain(`${PUBLIC_URL}/kontakte/${requestContact.id}`);

    const before = await call<{ partner: { contactEmail: string | null } }>(
      CONTACT,
      { p: id(candidate) },
      await as('seeker'),
    );
    expect(before.partner.contactEmail).toBeNull();
    await call(ACCEPT, { id: requestContact.id }, await as(candidate));
    const seen = await call<{ partner: { contactEmail: string | null } }>(
      CONTACT,
      { p: id(candidate) },
      await as('seeker'),
    );
    expect(seen.partner.contactEmail).toBe(emailOf(candidate));
    const seenBack = await call<{ partner: { contactEmail: string | null } }>(
      CONTACT,
      { p: id('seeker') },
      await as(candidate),
    );
    expect(seenBack.partner.contactEmail).toBe(emailOf('seeker'));
    await waitForMail(mail, (mails) =>
      mails.find(
        (m) =>
          m.to.includes(emailOf('seeker')) &&
          m.subject === `${TITLE}${candidate} hat Ihre Kontaktanfrage angenommen`,
      ),
    );
  }

  /** The seeker proposes a Vielfaltskooperation with the candidate: a DRAFT it has confirmed. */
  async function propose(candidate: string, on: App = app): Promise<string> {
    const input = {
      title: `${TITLE}mit ${candidate}`,
      kind: 'DIVERSITY_COOPERATION',
      startedOn: today,
      leadPartnerId: id('seeker'),
      partnerIds: [id(candidate)],
      dimensionKeys: ['age', 'religion'],
    };
    const { createCooperation } = await call<{ createCooperation: { id: string; status: string } }>(
      PROPOSE,
      { input },
      await as('seeker'),
      on,
    );
    expect(createCooperation.status).toBe('DRAFT');
    await waitForMail(mail, (mails) =>
      mails.find(
        (m) =>
          m.to.includes(emailOf(candidate)) &&
          m.text.includes(`${PUBLIC_URL}/kooperationen/${createCooperation.id}`),
      ),
    );
    return createCooperation.id;
  }

  const cooperationCount = async (name: string) =>
    (await call<{ partner: { cooperationCount: number } }>(COUNT, { p: id(name) }, coordinator))
      .partner.cooperationCount;

  beforeAll(async () => {
    mail = await startMailServer();
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}`,
      PUBLIC_URL,
      NOTIFY_POLL_MS: '200',
      NOTIFY_RETRY_MIN_MS: '200',
    };
    app = await startTestApp(env);
    expiringApp = await startTestApp({ ...env, PROPOSAL_TTL: 'PT2S', PROPOSAL_SWEEP_MS: '300' });
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    await cypher(
      `CREATE (t:Topic {key: $topic, name: $topic})
WITH t MATCH (p:Partner) WHERE p.id STARTS WITH $prefix
CREATE (p)-[:ACTIVE_IN]->(t)
SET p.contactEmail = substring(p.id, size($prefix)) + '@' + $domain`,
      { topic: TOPIC, prefix: PREFIX, domain: DOMAIN },
    );
  });

  afterAll(async () => {
    await cypher(
      `MATCH (n) WHERE (n:Cooperation AND n.title STARTS WITH $title)
  OR (n:ContactRequest AND n.fromPartnerId STARTS WITH $prefix)
  OR (n:Notification AND n.partnerId STARTS WITH $prefix)
  OR (n:Outcome AND n.byPartnerId STARTS WITH $prefix)
  OR (n:Partner AND n.id STARTS WITH $prefix) OR (n:Topic AND n.key = $topic)
DETACH DELETE n`,
      { title: TITLE, prefix: PREFIX, topic: TOPIC },
    );
    await expiringApp.stop();
    await app.stop();
    await mail.stop();
  });

  it('should turn a suggestion into an ACTIVE cooperation that both confirmed, counted in the funnel', async () => {
    const before = await funnel();
    await contactOf('yes');
    const cooperationId = await propose('yes');
    expect(await cooperationCount('yes')).toBe(0);

    await call(CONFIRM, { id: cooperationId }, await as('yes'));
    const { cooperation } = await call<{
      cooperation: { status: string; partners: { confirmedAt: string | null }[] };
    }>(ONE, { id: cooperationId }, await as('yes'));
    expect(cooperation.status).toBe('ACTIVE');
    expect(cooperation.partners.every((p) => p.confirmedAt !== null)).toBe(true);
    expect(await cooperationCount('yes')).toBe(1);
    expect(await cooperationCount('seeker')).toBe(1);
    await waitForMail(mail, (mails) =>
      mails.find(
        (m) =>
          m.to.includes(emailOf('seeker')) &&
          m.text.includes(`${PUBLIC_URL}/kooperationen/${cooperationId}`) &&
          m.subject === 'Ihre Kooperation ist aktiv',
      ),
    );

    const after = await funnelAfter(before, {
      suggestionsViewed: 1,
      contactRequested: 1,
      contactAccepted: 1,
      proposed: 1,
      confirmed: 1,
    });
    expect(after.contactRequested - before.contactRequested).toBe(1);
    expect(after.contactAccepted - before.contactAccepted).toBe(1);
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.confirmed - before.confirmed).toBe(1);
    // One partner-day: the seeker read its suggestions (the candidates read none).
    expect(after.suggestionsViewed - before.suggestionsViewed).toBe(1);
  });

  it('should end a declined proposal as DECLINED, tell the proposer and count no cooperation', async () => {
    const before = await funnel();
    await contactOf('no');
    const cooperationId = await propose('no');

    await call(DECLINE, { id: cooperationId }, await as('no'));
    const { cooperation } = await call<{ cooperation: { status: string } }>(
      ONE,
      { id: cooperationId },
      await as('seeker'),
    );
    expect(cooperation.status).toBe('DECLINED');
    const confirmLate = await postGraphQL(app, CONFIRM, { id: cooperationId }, await as('no'));
    expect(confirmLate.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(confirmLate.body.errors?.[0]?.message).toMatch(/DECLINED/);
    expect(await cooperationCount('no')).toBe(0);
    await waitForMail(mail, (mails) =>
      mails.find(
        (m) =>
          m.to.includes(emailOf('seeker')) &&
          m.text.includes(`${PUBLIC_URL}/kooperationen/${cooperationId}`) &&
          m.subject.includes(`${TITLE}no`),
      ),
    );

    const after = await funnelAfter(before, { contactAccepted: 1, proposed: 1 });
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.confirmed - before.confirmed).toBe(0);
  });

  it('should expire an unconfirmed proposal, tell both partners and refuse a late confirmation', async () => {
    const before = await funnel();
    await contactOf('late');
    const cooperationId = await propose('late', expiringApp);

    const deadline = Date.now() + 15_000;
    let status = 'DRAFT';
    while (status === 'DRAFT' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const one = await call<{ cooperation: { status: string } }>(
        ONE,
        { id: cooperationId },
        coordinator,
      );
      status = one.cooperation.status;
    }
    expect(status).toBe('EXPIRED');
    const late: GraphQLResponse = (
      await postGraphQL(app, CONFIRM, { id: cooperationId }, await as('late'))
    ).body;
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0]?.extensions?.currentStatus).toBe('EXPIRED');
    for (const name of ['seeker', 'late']) {
      const [told] = await cypher<{ n: number }>(
        `MATCH (n:Notification {partnerId: $partnerId, subjectId: $subjectId, kind: 'COOPERATION_EXPIRED'})
RETURN count(n) AS n`,
        { partnerId: id(name), subjectId: cooperationId },
      );
      expect(told?.n).toBe(1);
    }
    await waitForMail(mail, (mails) =>
      mails.find(
        (m) =>
          m.to.includes(emailOf('late')) &&
          m.text.includes(`${PUBLIC_URL}/kooperationen/${cooperationId}`) &&
          m.subject === 'Ein Kooperationsvorschlag ist abgelaufen',
      ),
    );

    const after = await funnelAfter(before, { proposed: 1 });
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.confirmed - before.confirmed).toBe(0);
  });

  it('should erase what outcomes and notifications hold of an erased partner', async () => {
    const noteAbout = 'Ansprechperson Frau Beispiel war sehr freundlich';
    await call(
      `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`,
      { input: { aboutPartnerId: id('no'), outcome: 'NOT_A_FIT', note: noteAbout } },
      await as('seeker'),
    );
    await call(
      `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`,
      { input: { aboutPartnerId: id('seeker'), outcome: 'MET', note: 'Notiz von no' } },
      await as('no'),
    );
    await call(
      `mutation($id: ID!) { erasePartner(id: $id) { status } }`,
      { id: id('no') },
      coordinator,
    );

    const [left] = await cypher<{
      own: number;
      notes: (string | null)[];
      told: number;
      quoted: number;
    }>(
      `RETURN COUNT { (o:Outcome {byPartnerId: $no}) } AS own,
  COLLECT { MATCH (o:Outcome {aboutPartnerId: $no}) RETURN o.note } AS notes,
  COUNT { (n:Notification {partnerId: $no}) } AS told,
  COUNT { (n:Notification {otherPartnerId: $no}) WHERE n.text IS NOT NULL } AS quoted`,
      { no: id('no') },
    );
    expect(left).toEqual({ own: 0, notes: [null], told: 0, quoted: 0 });
  });
});
