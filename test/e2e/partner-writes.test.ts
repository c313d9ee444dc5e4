import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import {
  describeRoleMatrix,
  type MatrixOperation,
  type MatrixOutcome,
} from '../support/role-matrix';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

const FIELDS = `id name status version cooperationCount description website
  contactName contactEmail contactPhone topics { key } district { key }
  dimensions { perspective dimension { key } }`;

const APPLY = `mutation($input: ApplyForMembershipInput!, $key: String) {
  applyForMembership(input: $input, idempotencyKey: $key) { ${FIELDS} } }`;
const STATUS = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdatePartnerProfileInput!) {
  updatePartnerProfile(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!) { partner(id: $id) { ${FIELDS} cooperations { totalCount } } }`;

interface PartnerView {
  id: string;
  name: string;
  status: string;
  version: number;
  cooperationCount: number;
  description: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  topics: { key: string }[];
  district: { key: string } | null;
  dimensions: { perspective: string; dimension: { key: string } }[];
  cooperations?: { totalCount: number };
}
type Headers = Record<string, string>;
type Result = GraphQLResponse<Record<string, PartnerView>>;

const RUN = randomUUID().slice(0, 8);
const OTHER_PARTNER = 'p-00001'; // a demo partner that exists: tokens for unknown partners get 401

/** A valid application; each gets a unique name so tests can count nodes by name. */
function application(overrides: Record<string, unknown> = {}) {
  return {
    name: `Testverein ${RUN} ${randomUUID().slice(0, 6)}`,
    sector: 'CIVIL_SOCIETY',
    kind: 'ASSOCIATION',
    description: 'Begegnungen im Quartier',
    website: 'https://verein.example.org',
    contactName: 'Ayşe Demir',
    contactEmail: 'kontakt@verein.example.org',
    contactPhone: '+49 621 123456',
    districtKey: 'jungbusch',
    topicKeys: ['culture', 'youth'],
    dimensions: [
      { key: 'ethnic_origin', perspective: 'COMMUNITY' },
      { key: 'age', perspective: 'SERVICE' },
    ],
    acceptsDeclaration: true,
    ...overrides,
  };
}

const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

describe('partner writes', () => {
  let app: App;
  let coordinator: Headers;
  const created: string[] = [];
  const cooperationId = `c-test-${RUN}`;

  beforeAll(async () => {
    app = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '1000' });
    coordinator = await coordinatorAuth();
  });

  afterAll(async () => {
    const run = (cypher: string) =>
      app.database.executor.write({ cypher, params: { ids: created, cooperationId } }, () => null);
    await run('MATCH (p:Partner) WHERE p.id IN $ids DETACH DELETE p');
    await run('MATCH (c:Cooperation {id: $cooperationId}) DETACH DELETE c');
    await run('MATCH (a:AuditEntry) WHERE any(id IN a.ids WHERE id IN $ids) DELETE a');
    await run('MATCH (k:IdempotencyKey) WHERE k.resultId IN $ids DELETE k');
    await app.stop();
  });

  const http = async (query: string, variables: Record<string, unknown>, headers: Headers = {}) =>
    (await postGraphQL<Record<string, PartnerView>>(app, query, variables, headers)).body;

  async function apply(overrides: Record<string, unknown> = {}, key?: string) {
    const body = await http(APPLY, { input: application(overrides), key });
    const partner = body.data?.applyForMembership;
    if (!partner) throw new Error(`expected a partner, got ${JSON.stringify(body.errors)}`);
    if (!created.includes(partner.id)) created.push(partner.id);
    return partner;
  }

  async function asCoordinator(mutation: string, id: string): Promise<PartnerView> {
    const body = await http(STATUS(mutation), { id }, coordinator);
    const partner = body.data?.[mutation];
    if (!partner) throw new Error(`${mutation}: ${JSON.stringify(body.errors)}`);
    return partner;
  }

  async function read(id: string): Promise<PartnerView> {
    const body = await http(READ, { id }, coordinator);
    return body.data?.partner as PartnerView;
  }

  describe('role × operation matrix', () => {
    type Caller = 'PUBLIC' | 'PARTNER (own)' | 'PARTNER (other)' | 'COORDINATOR';
    const COORDINATOR_ONLY: Record<Caller, MatrixOutcome> = {
      PUBLIC: 'UNAUTHENTICATED',
      'PARTNER (own)': 'FORBIDDEN',
      'PARTNER (other)': 'FORBIDDEN',
      COORDINATOR: 'allowed',
    };
    /** Every case gets a fresh applicant, taken through the coordinator's status `steps`. */
    const applicant =
      (...steps: string[]) =>
      async (): Promise<PartnerView> => {
        let partner = await apply();
        for (const step of steps) partner = await asCoordinator(step, partner.id);
        return partner;
      };
    const coordinatorOnly = (
      name: string,
      ...steps: string[]
    ): MatrixOperation<Caller, PartnerView> => ({
      name,
      query: STATUS(name),
      prepare: applicant(...steps),
      variables: (p) => ({ id: p.id }),
      outcomes: COORDINATOR_ONLY,
    });

    describeRoleMatrix<Caller, PartnerView>({
      app: () => app,
      actors: {
        PUBLIC: async () => ({}),
        // The case's own applicant: a token for a partner that does not exist would get 401.
        'PARTNER (own)': { perCase: (partner) => partnerAuth(partner.id) },
        'PARTNER (other)': () => partnerAuth(OTHER_PARTNER),
        COORDINATOR: coordinatorAuth,
      },
      operations: [
        {
          name: 'applyForMembership',
          query: APPLY,
          prepare: applicant(),
          variables: () => ({ input: application() }),
          outcomes: {
            PUBLIC: 'allowed',
            'PARTNER (own)': 'allowed',
            'PARTNER (other)': 'allowed',
            COORDINATOR: 'allowed',
          },
        },
        coordinatorOnly('admitPartner'),
        coordinatorOnly('pausePartner', 'admitPartner'),
        coordinatorOnly('reactivatePartner', 'admitPartner', 'pausePartner'),
        coordinatorOnly('recordPartnerLeft', 'admitPartner'),
        coordinatorOnly('erasePartner'),
        {
          name: 'updatePartnerProfile',
          query: UPDATE,
          prepare: applicant(),
          variables: (p) => ({ id: p.id, version: p.version, input: { description: 'neu' } }),
          outcomes: { ...COORDINATOR_ONLY, 'PARTNER (own)': 'allowed' },
        },
      ],
      expectAllowed: (body, { operation }) => {
        const returned = body.data?.[operation.name] as PartnerView;
        if (!created.includes(returned.id)) created.push(returned.id);
      },
      // A refused write leaves the partner as it was.
      expectRefused: async (_body, { target }) => {
        expect((await read(target.id)).version).toBe(target.version);
      },
    });
  });

  describe('status machine', () => {
    it('should walk APPLIED → ACTIVE → PAUSED → ACTIVE → PAUSED → LEFT, bumping the version', async () => {
      const { id } = await apply();
      const steps = [
        ['admitPartner', 'ACTIVE'],
        ['pausePartner', 'PAUSED'],
        ['reactivatePartner', 'ACTIVE'],
        ['pausePartner', 'PAUSED'],
        ['recordPartnerLeft', 'LEFT'],
      ];
      for (const [index, [mutation, status]] of steps.entries()) {
        const partner = await asCoordinator(mutation as string, id);
        expect(partner).toMatchObject({ status, version: index + 2 });
      }
    });

    it('should record ACTIVE → LEFT', async () => {
      const { id } = await apply();
      await asCoordinator('admitPartner', id);
      expect((await asCoordinator('recordPartnerLeft', id)).status).toBe('LEFT');
    });

    it.each([
      ['pausePartner', [], 'APPLIED'],
      ['recordPartnerLeft', [], 'APPLIED'],
      ['admitPartner', ['admitPartner'], 'ACTIVE'],
      ['reactivatePartner', ['admitPartner'], 'ACTIVE'],
      ['admitPartner', ['admitPartner', 'pausePartner'], 'PAUSED'],
      ['reactivatePartner', ['admitPartner', 'recordPartnerLeft'], 'LEFT'],
    ])('should refuse %s after %j with CONFLICT naming %s', async (mutation, before, current) => {
      const { id } = await apply();
      for (const step of before) await asCoordinator(step, id);
      const result = await http(STATUS(mutation), { id }, coordinator);
      expect(codeOf(result)).toBe('CONFLICT');
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`got ${current}$`));
      expect(result.errors?.[0]?.extensions?.currentStatus).toBe(current);
      expect((await read(id)).status).toBe(current);
    });

    it('should answer an unknown id with NOT_FOUND', async () => {
      const result = await http(STATUS('admitPartner'), { id: `p-unknown-${RUN}` }, coordinator);
      expect(codeOf(result)).toBe('NOT_FOUND');
    });

    it('should let exactly one of two concurrent admissions win, the other gets CONFLICT', async () => {
      for (let round = 0; round < 3; round += 1) {
        const { id } = await apply();
        const results = await Promise.all([
          http(STATUS('admitPartner'), { id }, coordinator),
          http(STATUS('admitPartner'), { id }, coordinator),
        ]);
        expect(results.filter((r) => r.data?.admitPartner).length).toBe(1);
        expect(results.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
        expect(await read(id)).toMatchObject({ status: 'ACTIVE', version: 2 });
      }
    });
  });

  describe('updatePartnerProfile', () => {
    it('should let the partner change its own profile and replace the given lists', async () => {
      const { id } = await apply();
      const input = {
        description: 'Neue Beschreibung',
        website: null,
        topicKeys: ['education'],
        districtKey: 'neckarstadt_west',
        dimensions: [{ key: 'religion', perspective: 'ADVOCACY' }],
      };
      const result = await http(UPDATE, { id, version: 1, input }, await partnerAuth(id));
      expect(result.errors).toBeUndefined();
      expect(result.data?.updatePartnerProfile).toMatchObject({
        version: 2,
        description: 'Neue Beschreibung',
        website: null,
        contactEmail: 'kontakt@verein.example.org',
        topics: [{ key: 'education' }],
        district: { key: 'neckarstadt_west' },
        dimensions: [{ perspective: 'ADVOCACY', dimension: { key: 'religion' } }],
      });
    });

    it('should refuse a stale version with CONFLICT and overwrite nothing', async () => {
      const { id } = await apply();
      const first = await http(
        UPDATE,
        { id, version: 1, input: { description: 'erste' } },
        coordinator,
      );
      expect(first.errors).toBeUndefined();
      const stale = await http(
        UPDATE,
        { id, version: 1, input: { description: 'veraltet', topicKeys: [] } },
        await partnerAuth(id),
      );
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
      expect(stale.errors?.[0]?.message).toMatch(/^expected version 1 .*, got 2/);
      const now = await read(id);
      expect(now).toMatchObject({ description: 'erste', version: 2 });
      expect(now.topics).toHaveLength(2);
    });

    it('should roll the whole write back when a key is unknown half-way', async () => {
      const { id } = await apply();
      const input = { description: 'geändert', districtKey: 'atlantis' };
      const result = await http(UPDATE, { id, version: 1, input }, coordinator);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.fields).toEqual([
        { path: 'input.districtKey', reason: 'expected a known district key, got "atlantis"' },
      ]);
      expect(await read(id)).toMatchObject({
        description: 'Begegnungen im Quartier',
        version: 1,
        district: { key: 'jungbusch' },
      });
      expect(await auditOperations(id)).toEqual(['applyForMembership']);
    });
  });

  describe('applyForMembership', () => {
    it('should create an APPLIED partner with version 1, shown to nobody private', async () => {
      const partner = await apply();
      expect(partner).toMatchObject({
        status: 'APPLIED',
        version: 1,
        cooperationCount: 0,
        contactEmail: null,
        district: { key: 'jungbusch' },
      });
      expect(partner.id).toMatch(/^p-[0-9a-f-]{36}$/);
      expect((await read(partner.id)).contactEmail).toBe('kontakt@verein.example.org');
    });

    it('should refuse bad input with BAD_USER_INPUT and field paths', async () => {
      const input = application({
        contactEmail: 'keine-mail',
        acceptsDeclaration: false,
        dimensions: [
          { key: 'age', perspective: 'SERVICE' },
          { key: 'Bad Key', perspective: 'SERVICE' },
        ],
      });
      const result = await http(APPLY, { input });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      const fields = result.errors?.[0]?.extensions?.fields as { path: string }[];
      expect(fields.map((f) => f.path).sort()).toEqual([
        'input.acceptsDeclaration',
        'input.contactEmail',
        'input.dimensions[1].key',
      ]);
      expect(result.errors?.[0]?.message).toContain('expected an e-mail address, got "keine-mail"');
    });

    it('should refuse unknown topic and dimension keys, creating nothing', async () => {
      const name = `Unbekannt ${RUN}`;
      const topics = await http(APPLY, {
        input: application({ name, topicKeys: ['culture', 'mars'] }),
      });
      expect(topics.errors?.[0]?.extensions?.fields).toEqual([
        { path: 'input.topicKeys[1]', reason: 'expected a known topic key, got "mars"' },
      ]);
      const dims = await http(APPLY, {
        input: application({ name, dimensions: [{ key: 'astrology', perspective: 'SERVICE' }] }),
      });
      expect(dims.errors?.[0]?.extensions?.fields).toEqual([
        {
          path: 'input.dimensions[0].key',
          reason: 'expected a known dimension key, got "astrology"',
        },
      ]);
      expect(await countByName(name)).toBe(0);
    });

    it('should return the first partner for a retried idempotency key and create one node', async () => {
      const key = `apply-${RUN}`;
      const input = application();
      const first = await http(APPLY, { input, key });
      const again = await http(APPLY, { input, key });
      const firstId = first.data?.applyForMembership?.id as string;
      created.push(firstId);
      expect(again.data?.applyForMembership?.id).toBe(firstId);
      expect(await countByName(input.name)).toBe(1);
      expect(await auditOperations(firstId)).toEqual(['applyForMembership']);
    });

    it('should refuse the third application from one address over a limit of 2', async () => {
      const limited = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '2' });
      try {
        const results = [];
        for (let i = 0; i < 3; i += 1) {
          results.push(
            (
              await postGraphQL<Record<string, PartnerView>>(limited, APPLY, {
                input: application(),
              })
            ).body,
          );
        }
        for (const r of results)
          if (r.data?.applyForMembership) created.push(r.data.applyForMembership.id);
        expect(results.slice(0, 2).every((r) => r.data?.applyForMembership)).toBe(true);
        expect(codeOf(results[2] as Result)).toBe('TOO_MANY_REQUESTS');
        expect(results[2]?.errors?.[0]?.message).toMatch(
          /^Too many applications .* try again in \d+ minutes\.$/,
        );
        expect(results[2]?.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      } finally {
        await limited.stop();
      }
    });
  });

  describe('erasePartner', () => {
    it('should remove personal data and profile links but keep the cooperation history', async () => {
      const { id } = await apply();
      await asCoordinator('admitPartner', id);
      await app.database.executor.write(
        {
          cypher: `MATCH (p:Partner {id: $id})
CREATE (p)-[:PARTICIPATES_IN {role: 'LEAD'}]->(:Cooperation {id: $cooperationId, title: 'Test', kind: 'NETWORK_PROJECT', status: 'ENDED', startedOn: date('2020-01-01')})
SET p.cooperationCount = 1, p.internalNotes = 'intern'`,
          params: { id, cooperationId },
        },
        () => null,
      );
      const erased = await asCoordinator('erasePartner', id);
      expect(erased.name).toMatch(/^Anonymisierte Organisation [0-9a-f]{8}$/);
      const now = await read(id);
      expect(now).toMatchObject({
        status: 'LEFT',
        description: null,
        website: null,
        contactName: null,
        contactEmail: null,
        contactPhone: null,
        topics: [],
        district: null,
        dimensions: [],
        cooperationCount: 1,
        cooperations: { totalCount: 1 },
      });
      const [stored] = await app.database.executor.read(
        {
          cypher:
            'MATCH (p:Partner {id: $id}) RETURN p.erasedAt IS NOT NULL AS erased, p.internalNotes AS notes',
          params: { id },
        },
        (r) => ({ erased: r.get('erased') as boolean, notes: r.get('notes') as string | null }),
      );
      expect(stored).toEqual({ erased: true, notes: null });
      expect((await asCoordinator('erasePartner', id)).name).toBe(erased.name);
    });
  });

  describe('audit log', () => {
    it('should show each write with its actor, role and ids', async () => {
      const { id } = await apply();
      await asCoordinator('admitPartner', id);
      await http(UPDATE, { id, version: 2, input: { description: 'x' } }, await partnerAuth(id));
      const { data } = await http(
        `query($id: ID!) { auditLog(first: 10, filter: { touching: $id }) {
          edges { node { operation actor role ids } } } }`,
        { id },
        coordinator,
      );
      const entries = (data?.auditLog as unknown as { edges: { node: unknown }[] }).edges.map(
        (e) => e.node,
      );
      expect(entries).toEqual([
        { operation: 'updatePartnerProfile', actor: `partner:${id}`, role: 'PARTNER', ids: [id] },
        { operation: 'admitPartner', actor: 'coordinator', role: 'COORDINATOR', ids: [id] },
        { operation: 'applyForMembership', actor: 'public', role: null, ids: [id] },
      ]);
    });
  });

  async function auditOperations(id: string): Promise<string[]> {
    return app.database.executor.read(
      {
        cypher: 'MATCH (a:AuditEntry) WHERE $id IN a.ids RETURN a.operation AS op ORDER BY a.at',
        params: { id },
      },
      (r) => r.get('op') as string,
    );
  }

  async function countByName(name: string): Promise<number> {
    const [count] = await app.database.executor.read(
      { cypher: 'MATCH (p:Partner {name: $name}) RETURN count(p) AS n', params: { name } },
      (r) => Number(r.get('n')),
    );
    return count ?? 0;
  }
});
