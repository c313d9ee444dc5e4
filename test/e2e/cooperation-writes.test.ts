import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { describeRoleMatrix, type MatrixOutcome } from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { createTestEvents, createTestPartners, type TestPartner } from '../support/fixtures';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-coop-';
const TITLE = 'T-Coop ';

/** Dedicated test partners: [id, status, engagements as "dimension/PERSPECTIVE"]. */
const PARTNERS: TestPartner[] = [
  ['lead', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']],
  ['b', 'ACTIVE', ['religion/SERVICE', 'age/SERVICE']],
  ['c', 'ACTIVE', ['age/COMMUNITY']], // a subset of lead: brings nothing to it
  ['d', 'ACTIVE', ['age/ADVOCACY']], // with c: one dimension only
  ['other', 'ACTIVE', ['social_origin/COMMUNITY', 'ethnic_origin/ADVOCACY']],
  ['f', 'ACTIVE', ['abilities/SERVICE']],
  ['g', 'ACTIVE', ['sexual_orientation/COMMUNITY']],
  ['h', 'ACTIVE', ['age/COMMUNITY', 'religion/ADVOCACY']],
  ['i', 'ACTIVE', ['gender/SERVICE']],
  ['paused', 'PAUSED', ['religion/COMMUNITY']],
];
const id = (name: string) => `${PREFIX}${name}`;

const COOPERATION_FIELDS = `id title kind status startedOn endedOn funding
  partners { role partner { id } } dimensions { key }`;
const CREATE = `mutation($input: CreateCooperationInput!, $key: String) {
  createCooperation(input: $input, idempotencyKey: $key) { ${COOPERATION_FIELDS} } }`;
const ADD = `mutation($c: ID!, $p: ID!) { addCooperationPartner(cooperationId: $c, partnerId: $p) { ${COOPERATION_FIELDS} } }`;
const END = `mutation($c: ID!, $on: LocalDate!) { endCooperation(cooperationId: $c, endedOn: $on) { ${COOPERATION_FIELDS} } }`;
const RECORD_EVENT = `mutation($input: RecordEventInput!, $key: String) {
  recordEvent(input: $input, idempotencyKey: $key) { id kind title date participantCount } }`;
const ATTEND = `mutation($e: ID!, $ps: [ID!]!) { recordAttendance(eventId: $e, partnerIds: $ps) { id participantCount } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface CooperationResult {
  id: string;
  status: string;
  endedOn: string | null;
  partners: { role: string; partner: { id: string } }[];
  dimensions: { key: string }[];
}

/** A valid input for createCooperation; tests change what they test. */
const input = (change: Vars = {}): Vars => ({
  title: `${TITLE}Sport verbindet`,
  kind: 'DIVERSITY_COOPERATION',
  startedOn: '2024-03-01',
  leadPartnerId: id('lead'),
  partnerIds: [id('b')],
  dimensionKeys: ['age', 'religion'],
  ...change,
});

describe('cooperation and event writes', () => {
  let app: App;
  let coordinator: Headers;
  const createdEvents: string[] = [];

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  /** Runs an operation over HTTP and returns the body. */
  const http = async <T = Record<string, unknown>>(query: string, vars: Vars, headers: Headers) =>
    (await postGraphQL<T>(app, query, vars, headers)).body;

  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  /** Creates a cooperation as coordinator (NETWORK_PROJECT by default) and returns its id. */
  async function newCooperation(change: Vars = {}): Promise<string> {
    const vars = { input: input({ kind: 'NETWORK_PROJECT', ...change }) };
    const body = await http<{ createCooperation: CooperationResult }>(CREATE, vars, coordinator);
    expect(body.errors).toBeUndefined();
    return body.data?.createCooperation.id as string;
  }

  const partnerState = async (ids: string[]) =>
    cypher<{ id: string; count: number; lastActiveOn: string; lock: unknown }>(
      `MATCH (p:Partner) WHERE p.id IN $ids
RETURN p.id AS id, p.cooperationCount AS count, p.lastActiveOn AS lastActiveOn, p._lock AS lock
ORDER BY id`,
      { ids },
    );

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
    await createTestEvents(app, [
      { id: id('ev-actiondays'), kind: 'ACTION_DAYS', date: '2024-06-01' },
      { id: id('ev-meeting'), kind: 'ALLIANCE_MEETING', date: '2026-01-15' },
      { id: id('ev-matrix'), kind: 'TRAINING', date: '2019-01-01' },
    ]);
  });

  afterAll(async () => {
    const [touched] = await cypher<{ ids: string[] }>(
      `OPTIONAL MATCH (p:Partner)-[:PARTICIPATES_IN|PROPOSED_IN]->(c:Cooperation) WHERE p.id STARTS WITH $prefix
WITH collect(DISTINCT c.id) AS cooperations
RETURN cooperations + $events AS ids`,
      { prefix: PREFIX, events: createdEvents },
    );
    const ids = touched?.ids ?? [];
    await cypher(
      `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x IN $ids OR x STARTS WITH $prefix) DELETE a`,
      { ids, prefix: PREFIX },
    );
    await cypher(
      `MATCH (k:IdempotencyKey) WHERE k.key STARTS WITH $prefix OR k.resultId IN $ids DELETE k`,
      { ids, prefix: PREFIX },
    );
    await cypher(
      `MATCH (n) WHERE (n:Cooperation OR n:Event) AND (n.id IN $ids OR n.id STARTS WITH $prefix)
DETACH DELETE n`,
      { ids, prefix: PREFIX },
    );
    await cypher('MATCH (n:Notification) WHERE n.partnerId STARTS WITH $prefix DELETE n', {
      prefix: PREFIX,
    });
    await cypher('MATCH (p:Partner) WHERE p.id STARTS WITH $prefix DETACH DELETE p', {
      prefix: PREFIX,
    });
    await app.stop();
  });

  describe('role × operation matrix', () => {
    type Actor = 'PUBLIC' | 'PARTNER (lead/own)' | 'PARTNER (other)' | 'COORDINATOR';
    const leadOrCoordinator: Record<Actor, MatrixOutcome> = {
      PUBLIC: 'UNAUTHENTICATED',
      'PARTNER (lead/own)': 'allowed',
      'PARTNER (other)': 'FORBIDDEN',
      COORDINATOR: 'allowed',
    };
    const coordinatorOnly: Record<Actor, MatrixOutcome> = {
      ...leadOrCoordinator,
      'PARTNER (lead/own)': 'FORBIDDEN',
    };

    describeRoleMatrix<Actor>({
      app: () => app,
      actors: {
        PUBLIC: async () => ({}),
        'PARTNER (lead/own)': () => partnerAuth(id('lead')),
        'PARTNER (other)': () => partnerAuth(id('other')),
        COORDINATOR: coordinatorAuth,
      },
      operations: [
        {
          name: 'createCooperation',
          prepare: () => ({ input: input() }),
          query: CREATE,
          outcomes: leadOrCoordinator,
        },
        {
          name: 'addCooperationPartner',
          prepare: async () => ({ c: await newCooperation(), p: id('f') }),
          query: ADD,
          outcomes: leadOrCoordinator,
        },
        {
          name: 'endCooperation',
          prepare: async () => ({ c: await newCooperation(), on: '2024-12-31' }),
          query: END,
          outcomes: leadOrCoordinator,
        },
        {
          name: 'recordEvent',
          prepare: () => ({
            input: { kind: 'TRAINING', title: `${TITLE}Qualifizierung`, date: '2024-05-05' },
          }),
          query: RECORD_EVENT,
          outcomes: coordinatorOnly,
        },
        {
          name: 'recordAttendance',
          prepare: () => ({ e: id('ev-matrix'), ps: [id('b')] }),
          query: ATTEND,
          outcomes: coordinatorOnly,
        },
      ],
      // Events have no partner prefix: remember them for afterAll.
      expectAllowed: (body) => {
        const event = body.data?.recordEvent as { id: string } | undefined;
        if (event) createdEvents.push(event.id);
      },
    });
  });

  describe('createCooperation', () => {
    it('should record an ACTIVE diversity cooperation by a coordinator, with lead, partners and dimensions', async () => {
      const body = await http<{ createCooperation: CooperationResult }>(
        CREATE,
        { input: input({ funding: 'DEMOKRATIE_LEBEN' }) },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      const created = body.data?.createCooperation;
      expect(created).toMatchObject({
        status: 'ACTIVE',
        endedOn: null,
        funding: 'DEMOKRATIE_LEBEN',
      });
      expect(created?.id).toMatch(/^c-[0-9a-f-]{36}$/);
      expect(created?.partners).toEqual([
        { role: 'LEAD', partner: { id: id('lead') } },
        { role: 'PARTNER', partner: { id: id('b') } },
      ]);
      expect(created?.dimensions.map((d) => d.key)).toEqual(['age', 'religion']);
    });

    it('should make a partner lead’s cooperation with others a DRAFT proposal, counting nobody yet', async () => {
      const before = await partnerState([id('lead'), id('b')]);
      const body = await http<{
        createCooperation: Omit<CooperationResult, 'partners'> & {
          proposedBy: string;
          partners: { role: string; confirmedAt: string | null; partner: { id: string } }[];
        };
      }>(
        CREATE.replace('partners {', 'proposedBy partners { confirmedAt'),
        { input: input() },
        await partnerAuth(id('lead')),
      );
      expect(body.errors).toBeUndefined();
      const created = body.data?.createCooperation;
      expect(created).toMatchObject({ status: 'DRAFT', proposedBy: id('lead') });
      expect(created?.partners.map((p) => [p.partner.id, p.confirmedAt !== null])).toEqual([
        [id('lead'), true],
        [id('b'), false],
      ]);
      expect(await partnerState([id('lead'), id('b')])).toEqual(before);
    });

    it.each([
      ['TOO_FEW_PARTNERS', [], /expected at least 2 partners, got 1/],
      ['TOO_FEW_DIMENSIONS', ['d'], /cover at least 2 dimensions together, got 1 \(age\)/],
      ['NOTHING_TO_BRING', ['c'], /partner 2 brings none \(t-coop-c\)/],
    ])(
      'should refuse a diversity cooperation failing %s, naming the part',
      async (rule, others, message) => {
        const lead = rule === 'TOO_FEW_DIMENSIONS' ? id('c') : id('lead');
        const vars = { input: input({ leadPartnerId: lead, partnerIds: others.map(id) }) };
        const body = await http(CREATE, vars, coordinator);
        expect(codeOf(body)).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.extensions?.rule).toBe(rule);
        expect(body.errors?.[0]?.message).toMatch(message);
      },
    );

    it('should allow a network project that the rule would refuse', async () => {
      const vars = { input: input({ kind: 'NETWORK_PROJECT', partnerIds: [id('c')] }) };
      expect((await http(CREATE, vars, coordinator)).errors).toBeUndefined();
    });

    it('should refuse a partner that is not ACTIVE, naming it and its status', async () => {
      const body = await http(
        CREATE,
        { input: input({ partnerIds: [id('paused')] }) },
        coordinator,
      );
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toBe(
        `expected partner ${id('paused')} (${TITLE}paused) to be ACTIVE, got PAUSED`,
      );
      expect(body.errors?.[0]?.extensions).toMatchObject({
        partnerId: id('paused'),
        status: 'PAUSED',
      });
    });

    it('should refuse a PAUSED partner leading its own cooperation with FORBIDDEN', async () => {
      const vars = { input: input({ leadPartnerId: id('paused'), partnerIds: [id('b')] }) };
      const body = await http(CREATE, vars, await partnerAuth(id('paused')));
      expect(codeOf(body)).toBe('FORBIDDEN');
    });

    it('should refuse invalid input with the field paths, before any write', async () => {
      const vars = { input: input({ title: 'x', partnerIds: [id('b'), id('b')] }) };
      const body = await http(CREATE, vars, coordinator);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      const paths = (body.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path);
      expect(paths).toEqual(['input.title', 'input.partnerIds']);
    });

    it('should link an action-day event to its ACTION_DAYS event and refuse other events', async () => {
      const change = { kind: 'ACTION_DAY_EVENT', eventId: id('ev-actiondays') };
      const cooperation = await newCooperation(change);
      const [link] = await cypher<{ n: number }>(
        'MATCH (:Cooperation {id: $c})-[r:PART_OF]->(:Event {id: $e}) RETURN count(r) AS n',
        { c: cooperation, e: id('ev-actiondays') },
      );
      expect(link?.n).toBe(1);
      const wrong = { input: input({ ...change, eventId: id('ev-meeting') }) };
      const body = await http(CREATE, wrong, coordinator);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(/to be ACTION_DAYS, got ALLIANCE_MEETING/);
    });

    it('should update each participant’s cooperationCount and lastActiveOn (latest wins)', async () => {
      const [h0, i0] = await partnerState([id('h'), id('i')]);
      const pair = { leadPartnerId: id('h'), partnerIds: [id('i')], dimensionKeys: ['gender'] };
      await newCooperation({ ...pair, startedOn: '2025-02-01' });
      await newCooperation({ ...pair, startedOn: '2021-07-01' });
      const [h1, i1] = await partnerState([id('h'), id('i')]);
      expect([h1?.count, i1?.count]).toEqual([(h0?.count ?? 0) + 2, (i0?.count ?? 0) + 2]);
      expect([h1?.lastActiveOn, i1?.lastActiveOn]).toEqual(['2025-02-01', '2025-02-01']);
    });

    it('should leave nothing behind when the last partner id is unknown', async () => {
      const before = await partnerState([id('lead'), id('b')]);
      const title = `${TITLE}Halbe Sache`;
      const vars = { input: input({ title, partnerIds: [id('b'), id('unknown')] }) };
      const body = await http(CREATE, vars, coordinator);
      expect(codeOf(body)).toBe('NOT_FOUND');
      expect(body.errors?.[0]?.message).toBe(
        `expected a partner with id ${id('unknown')}, got none`,
      );
      const [found] = await cypher<{ n: number }>(
        'MATCH (c:Cooperation {title: $title}) RETURN count(c) AS n',
        { title },
      );
      expect(found?.n).toBe(0);
      expect(await partnerState([id('lead'), id('b')])).toEqual(before);
      expect(before.every((p) => p.lock === null)).toBe(true);
    });

    it('should return the first cooperation for a retry with the same idempotency key', async () => {
      const [lead0] = await partnerState([id('lead')]);
      const title = `${TITLE}Einmal`;
      const vars = { input: input({ title }), key: `${PREFIX}key-1` };
      const first = await http<{ createCooperation: CooperationResult }>(CREATE, vars, coordinator);
      const second = await http<{ createCooperation: CooperationResult }>(
        CREATE,
        vars,
        coordinator,
      );
      expect(second.errors).toBeUndefined();
      expect(second.data?.createCooperation.id).toBe(first.data?.createCooperation.id);
      const [nodes] = await cypher<{ n: number; keys: number }>(
        `MATCH (c:Cooperation {title: $title}) WITH count(c) AS n
MATCH (k:IdempotencyKey {key: $key}) RETURN n, count(k) AS keys`,
        { title, key: vars.key },
      );
      expect(nodes).toEqual({ n: 1, keys: 1 });
      const [lead1] = await partnerState([id('lead')]);
      expect(lead1?.count).toBe((lead0?.count ?? 0) + 1);
    });
  });

  describe('addCooperationPartner', () => {
    it('should add a partner once and count it', async () => {
      const cooperation = await newCooperation();
      const [g0] = await partnerState([id('g')]);
      const vars = { c: cooperation, p: id('g') };
      const body = await http<{ addCooperationPartner: CooperationResult }>(ADD, vars, coordinator);
      expect(body.data?.addCooperationPartner.partners.map((p) => p.partner.id)).toContain(id('g'));
      const [g1] = await partnerState([id('g')]);
      expect(g1?.count).toBe((g0?.count ?? 0) + 1);
      const again = await http(ADD, vars, coordinator);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors?.[0]?.extensions?.currentRole).toBe('PARTNER');
    });

    it('should refuse a partner that is not ACTIVE, and an ENDED cooperation with CONFLICT', async () => {
      const cooperation = await newCooperation();
      expect(codeOf(await http(ADD, { c: cooperation, p: id('paused') }, coordinator))).toBe(
        'BAD_USER_INPUT',
      );
      await http(END, { c: cooperation, on: '2024-06-30' }, coordinator);
      const body = await http(ADD, { c: cooperation, p: id('g') }, coordinator);
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.message).toMatch(
        /expected status ACTIVE for addCooperationPartner of .+, got ENDED/,
      );
      expect(body.errors?.[0]?.extensions?.currentStatus).toBe('ENDED');
    });

    it('should keep a diversity cooperation within the cross-dimension rule', async () => {
      // lead and h share only age/COMMUNITY, which is all that c has.
      const pair = { kind: 'DIVERSITY_COOPERATION', partnerIds: [id('h')] };
      const cooperation = await newCooperation(pair);
      const body = await http(ADD, { c: cooperation, p: id('c') }, coordinator);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'NOTHING_TO_BRING',
      });
    });

    it('should answer NOT_FOUND for an unknown cooperation', async () => {
      const body = await http(ADD, { c: id('nope'), p: id('g') }, coordinator);
      expect(codeOf(body)).toBe('NOT_FOUND');
    });
  });

  describe('endCooperation', () => {
    it('should give one success and one CONFLICT to concurrent calls', async () => {
      const cooperation = await newCooperation();
      const vars = { c: cooperation, on: '2024-12-31' };
      const bodies = await Promise.all([1, 2, 3].map(() => http(END, vars, coordinator)));
      const codes = bodies.map((b) => codeOf(b) ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
      const [state] = await cypher<{ status: string; endedOn: string }>(
        'MATCH (c:Cooperation {id: $id}) RETURN c.status AS status, c.endedOn AS endedOn',
        { id: cooperation },
      );
      expect(state).toEqual({ status: 'ENDED', endedOn: '2024-12-31' });
    });

    it('should refuse an end before the start', async () => {
      const cooperation = await newCooperation();
      const body = await http(END, { c: cooperation, on: '2024-02-29' }, coordinator);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toBe(
        'expected endedOn on or after startedOn 2024-03-01, got 2024-02-29',
      );
    });

    it('should refuse a malformed date through the LocalDate scalar', async () => {
      const cooperation = await newCooperation();
      const body = await http(END, { c: cooperation, on: '2024-13-01' }, coordinator);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
    });
  });

  describe('events', () => {
    it('should record an event once per idempotency key', async () => {
      const vars = {
        input: { kind: 'ALLIANCE_MEETING', title: `${TITLE}Bündnistreffen`, date: '2024-11-20' },
        key: `${PREFIX}key-event`,
      };
      type Recorded = { recordEvent: { id: string; participantCount: number } };
      const first = await http<Recorded>(RECORD_EVENT, vars, coordinator);
      const second = await http<Recorded>(RECORD_EVENT, vars, coordinator);
      const eventId = first.data?.recordEvent.id as string;
      createdEvents.push(eventId);
      expect(eventId).toMatch(/^e-/);
      expect(second.data?.recordEvent).toEqual(first.data?.recordEvent);
      expect(first.data?.recordEvent.participantCount).toBe(0);
    });

    it('should record attendance once per partner and raise lastActiveOn', async () => {
      const vars = { e: id('ev-meeting'), ps: [id('g'), id('f')] };
      type Attended = { recordAttendance: { participantCount: number } };
      await http(ATTEND, vars, coordinator);
      const again = await http<Attended>(ATTEND, vars, coordinator);
      expect(again.data?.recordAttendance.participantCount).toBe(2);
      const states = await partnerState([id('f'), id('g')]);
      expect(states.map((s) => s.lastActiveOn)).toEqual(['2026-01-15', '2026-01-15']);
    });

    it('should refuse attendance of ACTION_DAYS and of unknown partners', async () => {
      const actionDays = await http(ATTEND, { e: id('ev-actiondays'), ps: [id('g')] }, coordinator);
      expect(codeOf(actionDays)).toBe('BAD_USER_INPUT');
      const unknown = await http(ATTEND, { e: id('ev-meeting'), ps: [id('zz')] }, coordinator);
      expect(codeOf(unknown)).toBe('NOT_FOUND');
    });
  });

  describe('audit', () => {
    it('should write one audit entry per write, readable by coordinators', async () => {
      const cooperation = await newCooperation();
      await http(END, { c: cooperation, on: '2024-04-01' }, await partnerAuth(id('lead')));
      const body = await http<{
        auditLog: { edges: { node: { operation: string; role: string; ids: string[] } }[] };
      }>(
        `query($t: ID!) { auditLog(first: 10, filter: {touching: $t}) { edges { node { operation role ids } } } }`,
        { t: cooperation },
        coordinator,
      );
      expect(body.data?.auditLog.edges.map((e) => e.node)).toEqual([
        { operation: 'endCooperation', role: 'PARTNER', ids: [cooperation] },
        {
          operation: 'createCooperation',
          role: 'COORDINATOR',
          ids: [cooperation, id('lead'), id('b')],
        },
      ]);
    });
  });
});
