import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { describeRoleMatrix } from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-prop-';
const TITLE = 'T-Prop ';

const PARTNERS: TestPartner[] = [
  ['lead', 'ACTIVE', ['age/COMMUNITY', 'gender/ADVOCACY']],
  ['b', 'ACTIVE', ['religion/SERVICE', 'age/SERVICE']],
  ['c', 'ACTIVE', ['social_origin/COMMUNITY']],
  ['other', 'ACTIVE', ['ethnic_origin/ADVOCACY']],
];
const id = (name: string) => `${PREFIX}${name}`;

const FIELDS = `id title status proposedAt proposedBy expiresAt activatedAt decidedAt decidedBy
  partners { role confirmedAt partner { id } }`;
const CREATE = `mutation($input: CreateCooperationInput!) { createCooperation(input: $input) { ${FIELDS} } }`;
const CONFIRM = `mutation($id: ID!) { confirmCooperation(id: $id) { ${FIELDS} } }`;
const DECLINE = `mutation($id: ID!) { declineCooperation(id: $id) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawProposal(id: $id) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { cooperation(id: $id) { ${FIELDS} } }`;
const LIST = `query($p: ID!) { cooperations(first: 50, filter: {partner: $p, statuses: [DRAFT, ACTIVE, DECLINED, WITHDRAWN, EXPIRED]}) {
  totalCount edges { node { id status } } } }`;
const NESTED = `query($p: ID!) { partner(id: $p) { cooperations(first: 50) { edges { node { id } } } } }`;

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;
interface Proposal {
  id: string;
  status: string;
  proposedBy: string | null;
  proposedAt: string | null;
  activatedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  expiresAt: string | null;
  partners: { role: string; confirmedAt: string | null; partner: { id: string } }[];
}

describe('cooperation proposals', () => {
  let app: App;
  let coordinator: Headers;
  const as = (name: string) => partnerAuth(id(name));

  const cypher = async <T = Record<string, unknown>>(query: string, params: Vars = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  const http = async <T = Record<string, unknown>>(
    query: string,
    vars: Vars,
    headers: Headers,
    target: App = app,
  ) => (await postGraphQL<T>(target, query, vars, headers)).body;

  const codeOf = (body: GraphQLResponse<unknown>) => body.errors?.[0]?.extensions?.code;

  /** Runs a proposal mutation and returns the cooperation it answers. */
  async function ok(query: string, proposalId: string, name: string): Promise<Proposal> {
    const body = await http<Record<string, Proposal>>(query, { id: proposalId }, await as(name));
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] as Proposal;
  }

  /** `lead` proposes a network project with the named partners; returns its id. */
  async function propose(others: string[] = ['b'], target: App = app): Promise<string> {
    const input = {
      title: `${TITLE}Vorschlag`,
      kind: 'NETWORK_PROJECT',
      startedOn: '2025-05-01',
      leadPartnerId: id('lead'),
      partnerIds: others.map(id),
      dimensionKeys: ['age'],
    };
    const body = await http<{ createCooperation: Proposal }>(
      CREATE,
      { input },
      await as('lead'),
      target,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.createCooperation.status).toBe('DRAFT');
    return body.data?.createCooperation.id as string;
  }

  const counts = async () =>
    Object.fromEntries(
      (
        await cypher<{ id: string; n: number }>(
          'MATCH (p:Partner) WHERE p.id STARTS WITH $prefix RETURN p.id AS id, p.cooperationCount AS n',
          { prefix: PREFIX },
        )
      ).map((row) => [row.id, row.n]),
    );

  const notifications = (subjectId: string) =>
    cypher<{ partnerId: string; kind: string; otherPartnerId: string | null; text: string }>(
      `MATCH (n:Notification {subjectId: $subjectId})
RETURN n.partnerId AS partnerId, n.kind AS kind, n.otherPartnerId AS otherPartnerId, n.text AS text
ORDER BY n.kind, n.partnerId`,
      { subjectId },
    );

  beforeAll(async () => {
    // startTestApp's sweep interval (1 h) keeps the sweeper from expiring what 'expiry' ages by hand.
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    await createTestPartners(app, PARTNERS, { prefix: PREFIX, title: TITLE });
  });

  afterAll(async () => {
    await cypher(
      `MATCH (c:Cooperation) WHERE c.title STARTS WITH $title
OPTIONAL MATCH (n:Notification {subjectId: c.id})
OPTIONAL MATCH (a:AuditEntry) WHERE c.id IN a.ids
DETACH DELETE c, n, a`,
      { title: TITLE },
    );
    await cypher('MATCH (p:Partner) WHERE p.id STARTS WITH $prefix DETACH DELETE p', {
      prefix: PREFIX,
    });
    await app.stop();
  });

  describe('lifecycle', () => {
    it('should become ACTIVE when every named partner confirmed, counting only then', async () => {
      const before = await counts();
      const proposalId = await propose(['b', 'c']);
      expect(await counts()).toEqual(before);

      const first = await ok(CONFIRM, proposalId, 'b');
      expect(first.status).toBe('DRAFT');
      expect(first.partners.map((p) => [p.partner.id, p.confirmedAt !== null])).toEqual([
        [id('lead'), true],
        [id('b'), true],
        [id('c'), false],
      ]);
      const again = await ok(CONFIRM, proposalId, 'b');
      expect(again).toEqual(first);

      const active = await ok(CONFIRM, proposalId, 'c');
      expect(active.status).toBe('ACTIVE');
      expect(active.activatedAt).not.toBeNull();
      expect(active.partners.every((p) => p.confirmedAt !== null)).toBe(true);
      const after = await counts();
      for (const name of ['lead', 'b', 'c'])
        expect(after[id(name)]).toBe((before[id(name)] ?? 0) + 1);
      const [rels] = await cypher<{ proposed: number; participating: number }>(
        `MATCH (c:Cooperation {id: $id})
RETURN COUNT { ()-[:PROPOSED_IN]->(c) } AS proposed, COUNT { ()-[:PARTICIPATES_IN]->(c) } AS participating`,
        { id: proposalId },
      );
      expect(rels).toEqual({ proposed: 0, participating: 3 });
      expect(await ok(CONFIRM, proposalId, 'c')).toMatchObject({ status: 'ACTIVE' });

      expect(await notifications(proposalId)).toEqual([
        {
          partnerId: id('b'),
          kind: 'COOPERATION_ACTIVE',
          otherPartnerId: id('c'),
          text: `${TITLE}Vorschlag`,
        },
        {
          partnerId: id('lead'),
          kind: 'COOPERATION_ACTIVE',
          otherPartnerId: id('c'),
          text: `${TITLE}Vorschlag`,
        },
        {
          partnerId: id('c'),
          kind: 'COOPERATION_CONFIRMED',
          otherPartnerId: id('b'),
          text: `${TITLE}Vorschlag`,
        },
        {
          partnerId: id('lead'),
          kind: 'COOPERATION_CONFIRMED',
          otherPartnerId: id('b'),
          text: `${TITLE}Vorschlag`,
        },
        {
          partnerId: id('b'),
          kind: 'COOPERATION_PROPOSED',
          otherPartnerId: id('lead'),
          text: `${TITLE}Vorschlag`,
        },
        {
          partnerId: id('c'),
          kind: 'COOPERATION_PROPOSED',
          otherPartnerId: id('lead'),
          text: `${TITLE}Vorschlag`,
        },
      ]);
    });

    it('should record who declined and when, and refuse everything after with CONFLICT', async () => {
      const proposalId = await propose(['b', 'c']);
      const declined = await ok(DECLINE, proposalId, 'b');
      expect(declined).toMatchObject({ status: 'DECLINED', decidedBy: id('b') });
      expect(declined.decidedAt).not.toBeNull();
      for (const [query, name, action] of [
        [CONFIRM, 'c', 'confirmCooperation'],
        [DECLINE, 'c', 'declineCooperation'],
        [WITHDRAW, 'lead', 'withdrawProposal'],
      ] as const) {
        const body = await http(query, { id: proposalId }, await as(name));
        expect(codeOf(body)).toBe('CONFLICT');
        expect(body.errors?.[0]?.message).toBe(`expected status DRAFT for ${action}, got DECLINED`);
        expect(body.errors?.[0]?.extensions?.currentStatus).toBe('DECLINED');
      }
      const told = await notifications(proposalId);
      expect(told.filter((n) => n.kind === 'COOPERATION_DECLINED')).toEqual([
        {
          partnerId: id('c'),
          kind: 'COOPERATION_DECLINED',
          otherPartnerId: id('b'),
          text: `${TITLE}Vorschlag`,
        },
        {
          partnerId: id('lead'),
          kind: 'COOPERATION_DECLINED',
          otherPartnerId: id('b'),
          text: `${TITLE}Vorschlag`,
        },
      ]);
    });

    it('should let the proposer or a coordinator withdraw, but not decline', async () => {
      const own = await propose();
      const declineOwn = await http(DECLINE, { id: own }, await as('lead'));
      expect(codeOf(declineOwn)).toBe('FORBIDDEN');
      expect(await ok(WITHDRAW, own, 'lead')).toMatchObject({
        status: 'WITHDRAWN',
        decidedBy: id('lead'),
      });
      expect((await notifications(own)).map((n) => [n.kind, n.partnerId])).toEqual([
        ['COOPERATION_PROPOSED', id('b')],
        ['COOPERATION_WITHDRAWN', id('b')],
      ]);
      const byOffice = await propose();
      const body = await http<{ withdrawProposal: Proposal }>(
        WITHDRAW,
        { id: byOffice },
        coordinator,
      );
      expect(body.data?.withdrawProposal).toMatchObject({ status: 'WITHDRAWN', decidedBy: null });
    });

    it('should refuse strangers and coordinators with FORBIDDEN and unknown ids with NOT_FOUND', async () => {
      const proposalId = await propose();
      for (const query of [CONFIRM, DECLINE, WITHDRAW]) {
        expect(codeOf(await http(query, { id: proposalId }, await as('other')))).toBe('FORBIDDEN');
      }
      for (const query of [CONFIRM, DECLINE]) {
        const body = await http(query, { id: proposalId }, coordinator);
        expect(codeOf(body)).toBe('FORBIDDEN');
        expect(body.errors?.[0]?.message).toMatch(/got a coordinator/);
      }
      const unknown = await http(CONFIRM, { id: id('nope') }, await as('b'));
      expect(codeOf(unknown)).toBe('NOT_FOUND');
    });

    it('should refuse the last confirmation with CONFLICT when a named partner is no longer ACTIVE', async () => {
      const proposalId = await propose(['b', 'c']);
      await ok(CONFIRM, proposalId, 'b');
      await cypher("MATCH (p:Partner {id: $id}) SET p.status = 'PAUSED'", { id: id('b') });
      try {
        const body = await http(CONFIRM, { id: proposalId }, await as('c'));
        expect(codeOf(body)).toBe('CONFLICT');
        expect(body.errors?.[0]?.extensions).toMatchObject({
          partnerId: id('b'),
          status: 'PAUSED',
        });
      } finally {
        await cypher("MATCH (p:Partner {id: $id}) SET p.status = 'ACTIVE'", { id: id('b') });
      }
      expect((await ok(ONE, proposalId, 'c')).status).toBe('DRAFT');
    });
  });

  describe('counting', () => {
    const EXPLAIN = `query($p: ID!, $c: ID!) { explainPair(partnerId: $p, candidateId: $c) {
      rules { rule passed } } }`;
    const NETWORK = `{ network(filter: {dimensions: ["age"], statuses: [ACTIVE]}) { edges { source target } } }`;
    const pastRule = async () => {
      const body = await http<{ explainPair: { rules: { rule: string; passed: boolean }[] } }>(
        EXPLAIN,
        { p: id('lead'), c: id('b') },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      return body.data?.explainPair.rules.find((r) => r.rule === 'NO_PAST_COOPERATION')?.passed;
    };
    const edge = async () => {
      const body = await http<{ network: { edges: { source: string; target: string }[] } }>(
        NETWORK,
        {},
        coordinator,
      );
      return (body.data?.network.edges ?? []).some(
        (e) => [e.source, e.target].sort().join() === [id('b'), id('lead')].sort().join(),
      );
    };

    it('should count a DRAFT nowhere and an activated proposal everywhere', async () => {
      // The lifecycle tests may have activated a cooperation of lead and b already.
      await cypher(
        `MATCH (:Partner {id: $lead})-[:PARTICIPATES_IN]->(c:Cooperation)<-[:PARTICIPATES_IN]-(:Partner {id: $b})
DETACH DELETE c`,
        { lead: id('lead'), b: id('b') },
      );
      await cypher('MATCH (p:Partner) WHERE p.id STARTS WITH $prefix SET p.cooperationCount = 0', {
        prefix: PREFIX,
      });
      await cypher(
        "MERGE (v:DataVersion {id: 'graph'}) ON CREATE SET v.value = 1 ON MATCH SET v.value = v.value + 1",
      );
      const proposalId = await propose();
      expect(await pastRule()).toBe(true);
      expect(await edge()).toBe(false);
      expect((await counts())[id('b')]).toBe(0);
      const listed = await http<{ cooperations: { totalCount: number } }>(
        LIST,
        { p: id('lead') },
        {},
      );
      expect(listed.data?.cooperations.totalCount).toBe(0);

      await ok(CONFIRM, proposalId, 'b');
      expect(await pastRule()).toBe(false);
      expect(await edge()).toBe(true);
      expect((await counts())[id('b')]).toBe(1);
      const after = await http<{ cooperations: { edges: { node: { id: string } }[] } }>(
        LIST,
        { p: id('lead') },
        {},
      );
      expect(after.data?.cooperations.edges.map((e) => e.node.id)).toContain(proposalId);
    });
  });

  describe('visibility', () => {
    let uncompiled: App;
    beforeAll(async () => {
      uncompiled = await startTestApp({ READ_COMPILER: 'false' });
    });
    afterAll(() => uncompiled.stop());

    it.each([
      ['compiled', () => app],
      ['READ_COMPILER=false', () => uncompiled],
    ])('should show proposals to named partners and coordinators only (%s)', async (_n, target) => {
      const proposalId = await propose();
      const declinedId = await propose();
      await ok(DECLINE, declinedId, 'b');
      const viewers: [string, () => Promise<Headers>, boolean][] = [
        ['PUBLIC', async () => ({}), false],
        ['other partner', () => as('other'), false],
        ['named partner', () => as('b'), true],
        ['coordinator', coordinatorAuth, true],
      ];
      for (const [viewer, headers, sees] of viewers) {
        for (const cooperationId of [proposalId, declinedId]) {
          const one = await http<{ cooperation: Proposal | null }>(
            ONE,
            { id: cooperationId },
            await headers(),
            target(),
          );
          expect([viewer, one.data?.cooperation?.id ?? null]).toEqual([
            viewer,
            sees ? cooperationId : null,
          ]);
        }
        const list = await http<{
          cooperations: { totalCount: number; edges: { node: { id: string } }[] };
        }>(LIST, { p: id('b') }, await headers(), target());
        const ids = list.data?.cooperations.edges.map((e) => e.node.id) ?? [];
        expect([viewer, ids.includes(proposalId), ids.includes(declinedId)]).toEqual([
          viewer,
          sees,
          sees,
        ]);
        expect(list.data?.cooperations.totalCount).toBe(ids.length);
        const nested = await http<{
          partner: { cooperations: { edges: { node: { id: string } }[] } };
        }>(NESTED, { p: id('b') }, await headers(), target());
        expect(nested.data?.partner.cooperations.edges.map((e) => e.node.id)).not.toContain(
          proposalId,
        );
      }
    });
  });

  describe('expiry', () => {
    it('should answer CONFLICT EXPIRED to a confirmation after expiresAt, before any sweep', async () => {
      const proposalId = await propose();
      await cypher(
        "MATCH (c:Cooperation {id: $id}) SET c.expiresAt = datetime() - duration('PT1S')",
        {
          id: proposalId,
        },
      );
      const body = await http(CONFIRM, { id: proposalId }, await as('b'));
      expect(codeOf(body)).toBe('CONFLICT');
      expect(body.errors?.[0]?.extensions?.currentStatus).toBe('EXPIRED');
      expect(body.errors?.[0]?.message).toBe(
        'expected status DRAFT for confirmCooperation, got EXPIRED',
      );
    });

    it('should set EXPIRED after PROPOSAL_TTL, audited and notified', async () => {
      const fast = await startTestApp({ PROPOSAL_TTL: 'PT1S', PROPOSAL_SWEEP_MS: '200' });
      try {
        const proposalId = await propose(['b'], fast);
        const created = await ok(ONE, proposalId, 'b');
        expect(
          Date.parse(created.expiresAt as string) - Date.parse(created.proposedAt as string),
        ).toBe(1000);
        let status = 'DRAFT';
        for (let i = 0; i < 50 && status === 'DRAFT'; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          [{ status = 'DRAFT' } = {}] = await cypher<{ status: string }>(
            'MATCH (c:Cooperation {id: $id}) RETURN c.status AS status',
            { id: proposalId },
          );
        }
        expect(status).toBe('EXPIRED');
        const expired = await ok(ONE, proposalId, 'b');
        expect(expired).toMatchObject({ status: 'EXPIRED', decidedBy: null });
        expect(expired.decidedAt).not.toBeNull();
        expect(
          (await notifications(proposalId)).filter((n) => n.kind === 'COOPERATION_EXPIRED'),
        ).toEqual([
          {
            partnerId: id('b'),
            kind: 'COOPERATION_EXPIRED',
            otherPartnerId: id('lead'),
            text: `${TITLE}Vorschlag`,
          },
          {
            partnerId: id('lead'),
            kind: 'COOPERATION_EXPIRED',
            otherPartnerId: id('lead'),
            text: `${TITLE}Vorschlag`,
          },
        ]);
        const [audit] = await cypher<{ actor: string; role: string | null }>(
          `MATCH (a:AuditEntry {operation: 'expireProposals'}) WHERE $id IN a.ids
RETURN a.actor AS actor, a.role AS role`,
          { id: proposalId },
        );
        expect(audit).toEqual({ actor: 'system', role: null });
        const late = await http(CONFIRM, { id: proposalId }, await as('b'));
        expect(late.errors?.[0]?.extensions?.currentStatus).toBe('EXPIRED');
      } finally {
        await fast.stop();
      }
    });
  });

  describe('role × operation matrix', () => {
    type Actor =
      'PUBLIC' | 'PARTNER (named)' | 'PARTNER (proposer)' | 'PARTNER (other)' | 'COORDINATOR';
    /** Every case answers a fresh proposal of `lead` naming `b`. */
    const prepare = async () => ({ id: await propose() });

    describeRoleMatrix<Actor>({
      app: () => app,
      actors: {
        PUBLIC: async () => ({}),
        'PARTNER (named)': () => as('b'),
        'PARTNER (proposer)': () => as('lead'),
        'PARTNER (other)': () => as('other'),
        COORDINATOR: coordinatorAuth,
      },
      operations: [
        {
          name: 'confirmCooperation',
          query: CONFIRM,
          prepare,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (named)': 'allowed',
            'PARTNER (proposer)': 'allowed', // already confirmed: a no-op
            'PARTNER (other)': 'FORBIDDEN',
            COORDINATOR: 'FORBIDDEN',
          },
        },
        {
          name: 'declineCooperation',
          query: DECLINE,
          prepare,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (named)': 'allowed',
            'PARTNER (proposer)': 'FORBIDDEN',
            'PARTNER (other)': 'FORBIDDEN',
            COORDINATOR: 'FORBIDDEN',
          },
        },
        {
          name: 'withdrawProposal',
          query: WITHDRAW,
          prepare,
          outcomes: {
            PUBLIC: 'UNAUTHENTICATED',
            'PARTNER (named)': 'FORBIDDEN',
            'PARTNER (proposer)': 'allowed',
            'PARTNER (other)': 'FORBIDDEN',
            COORDINATOR: 'allowed',
          },
        },
      ],
    });
  });
});
