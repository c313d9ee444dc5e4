import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

const FIELDS = 'id version status scope offers { text topicKeys } needs { text topicKeys }';
const APPLY = `mutation($input: ApplyForMembershipInput!) {
  applyForMembership(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdatePartnerProfileInput!) {
  updatePartnerProfile(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const STATUS = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${FIELDS} } }`;
const READ = `query($id: ID!) { partner(id: $id) { ${FIELDS} } }`;

interface Item {
  text: string;
  topicKeys: string[];
}
interface ProfileView {
  id: string;
  version: number;
  status: string;
  scope: string;
  offers: Item[];
  needs: Item[];
}
type Headers = Record<string, string>;
type Result = GraphQLResponse<Record<string, ProfileView>>;

const RUN = randomUUID().slice(0, 8);
const OTHER_PARTNER = 'p-00001'; // a demo partner that exists: tokens for unknown partners get 401

const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;
const pathsOf = (result: Result) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

describe('partner scope, offers and needs', () => {
  let app: App;
  let coordinator: Headers;
  const created: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '1000' });
    coordinator = await coordinatorAuth();
  });

  afterAll(async () => {
    const run = (cypher: string) =>
      app.database.executor.write({ cypher, params: { ids: created } }, () => null);
    await run(
      'MATCH (p:Partner)-[:OFFERS|NEEDS]->(item:Offer|Need) WHERE p.id IN $ids DETACH DELETE item',
    );
    await run('MATCH (p:Partner) WHERE p.id IN $ids DETACH DELETE p');
    await run('MATCH (a:AuditEntry) WHERE any(id IN a.ids WHERE id IN $ids) DELETE a');
    await app.stop();
  });

  const http = async (query: string, variables: Record<string, unknown>, headers: Headers = {}) =>
    (await postGraphQL<Record<string, ProfileView>>(app, query, variables, headers)).body;

  async function apply(overrides: Record<string, unknown> = {}): Promise<ProfileView> {
    const input = {
      name: `Angebotsverein ${RUN} ${randomUUID().slice(0, 6)}`,
      sector: 'CIVIL_SOCIETY',
      kind: 'ASSOCIATION',
      contactName: 'Ayşe Demir',
      contactEmail: 'kontakt@verein.example.org',
      acceptsDeclaration: true,
      ...overrides,
    };
    const body = await http(APPLY, { input });
    const partner = body.data?.applyForMembership;
    if (!partner) throw new Error(`expected a partner, got ${JSON.stringify(body.errors)}`);
    created.push(partner.id);
    return partner;
  }

  /** Reads a partner without a token: offers, needs and scope are public. */
  async function readPublic(id: string): Promise<ProfileView> {
    const body = await http(READ, { id });
    if (!body.data?.partner) throw new Error(`expected a partner, got ${JSON.stringify(body)}`);
    return body.data.partner;
  }

  async function storedItems(id: string) {
    return app.database.executor.read(
      {
        cypher: `MATCH (p:Partner {id: $id})-[r:OFFERS|NEEDS]->(n)
RETURN type(r) AS type, labels(n) AS labels, properties(n) AS props ORDER BY type, n.position`,
        params: { id },
      },
      (r) => ({
        type: r.get('type') as string,
        labels: r.get('labels') as string[],
        props: r.get('props') as Record<string, unknown>,
      }),
    );
  }

  describe('applyForMembership', () => {
    it('should default the scope to NEIGHBOURHOOD and start without offers or needs', async () => {
      const partner = await apply();
      expect(partner).toMatchObject({ scope: 'NEIGHBOURHOOD', offers: [], needs: [] });
    });

    it('should take scope, offers and needs and show them to the public', async () => {
      const { id } = await apply({
        scope: 'CITY',
        offers: [{ text: 'Räume für Gruppen', topicKeys: ['culture'] }],
        needs: [{ text: 'Ehrenamtliche für Hausaufgabenhilfe' }],
      });
      expect(await readPublic(id)).toMatchObject({
        scope: 'CITY',
        offers: [{ text: 'Räume für Gruppen', topicKeys: ['culture'] }],
        needs: [{ text: 'Ehrenamtliche für Hausaufgabenhilfe', topicKeys: [] }],
      });
    });

    it('should create nothing when a topic of an offer is unknown', async () => {
      const name = `Unbekannt ${RUN}`;
      const result = await http(APPLY, {
        input: {
          name,
          sector: 'BUSINESS',
          kind: 'COMPANY',
          contactName: 'Max Muster',
          contactEmail: 'max@example.org',
          acceptsDeclaration: true,
          offers: [{ text: 'Praktika', topicKeys: ['work', 'mars'] }],
        },
      });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.fields).toEqual([
        { path: 'input.offers[0].topicKeys[1]', reason: 'expected a known topic key, got "mars"' },
      ]);
      const [count] = await app.database.executor.read(
        { cypher: 'MATCH (p:Partner {name: $name}) RETURN count(p) AS n', params: { name } },
        (r) => Number(r.get('n')),
      );
      expect(count).toBe(0);
    });
  });

  describe('updatePartnerProfile', () => {
    it('should replace the given lists, keep the others, and write the graph model', async () => {
      const { id } = await apply();
      const own = await partnerAuth(id);
      const first = await http(
        UPDATE,
        {
          id,
          version: 1,
          input: {
            scope: 'BOROUGH',
            offers: [
              { text: '  Räume und Küche  ', topicKeys: ['culture', 'youth'] },
              { text: 'Übersetzung Türkisch (Deutsch)' },
            ],
            needs: [{ text: 'Kontakte zu Schulen', topicKeys: ['education'] }],
          },
        },
        own,
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.updatePartnerProfile).toEqual({
        id,
        version: 2,
        status: 'APPLIED',
        scope: 'BOROUGH',
        offers: [
          { text: 'Räume und Küche', topicKeys: ['culture', 'youth'] },
          { text: 'Übersetzung Türkisch (Deutsch)', topicKeys: [] },
        ],
        needs: [{ text: 'Kontakte zu Schulen', topicKeys: ['education'] }],
      });
      const stored = await storedItems(id);
      expect(stored.map((s) => [s.type, s.labels, s.props.kind, Number(s.props.position)])).toEqual(
        [
          ['NEEDS', ['Need'], 'NEED', 0],
          ['OFFERS', ['Offer'], 'OFFER', 0],
          ['OFFERS', ['Offer'], 'OFFER', 1],
        ],
      );
      expect(stored[2]?.props.query).toBe('Übersetzung Türkisch Deutsch');

      // Null and absent keep; a new list replaces the whole list.
      const second = await http(
        UPDATE,
        { id, version: 2, input: { scope: null, offers: null, needs: [{ text: 'Geld' }] } },
        own,
      );
      expect(second.errors).toBeUndefined();
      expect(await readPublic(id)).toMatchObject({
        version: 3,
        scope: 'BOROUGH',
        offers: [{ text: 'Räume und Küche' }, { text: 'Übersetzung Türkisch (Deutsch)' }],
        needs: [{ text: 'Geld', topicKeys: [] }],
      });

      // [] removes all.
      const third = await http(UPDATE, { id, version: 3, input: { offers: [] } }, coordinator);
      expect(third.errors).toBeUndefined();
      expect(await readPublic(id)).toMatchObject({ offers: [], needs: [{ text: 'Geld' }] });
      expect(await storedItems(id)).toHaveLength(1);
    });

    it.each([
      [
        'a text over 300 characters',
        { offers: [{ text: 'x'.repeat(301) }] },
        'input.offers[0].text',
      ],
      [
        'eleven needs',
        { needs: Array.from({ length: 11 }, () => ({ text: 'Hilfe' })) },
        'input.needs',
      ],
      ['a blank text', { offers: [{ text: 'Räume' }, { text: '   ' }] }, 'input.offers[1].text'],
      ['a control character', { needs: [{ text: 'Hilfe\u0000' }] }, 'input.needs[0].text'],
      ['a text without a word', { needs: [{ text: '?!' }] }, 'input.needs[0].text'],
      [
        'an unknown topic',
        { needs: [{ text: 'Hilfe' }, { text: 'Räume', topicKeys: ['atlantis'] }] },
        'input.needs[1].topicKeys[0]',
      ],
      [
        'six topics',
        { offers: [{ text: 'Räume', topicKeys: ['a', 'b', 'c', 'd', 'e', 'f'] }] },
        'input.offers[0].topicKeys',
      ],
    ])(
      'should refuse %s with BAD_USER_INPUT and its path, changing nothing',
      async (_name, input, path) => {
        const { id } = await apply({ offers: [{ text: 'Bestehendes Angebot' }] });
        const result = await http(
          UPDATE,
          { id, version: 1, input: { ...input, description: 'geändert', scope: 'CITY' } },
          coordinator,
        );
        expect(codeOf(result)).toBe('BAD_USER_INPUT');
        expect(pathsOf(result)).toEqual([path]);
        expect(await readPublic(id)).toMatchObject({
          version: 1,
          scope: 'NEIGHBOURHOOD',
          offers: [{ text: 'Bestehendes Angebot' }],
          needs: [],
        });
      },
    );

    it.each([
      ['another partner', async () => partnerAuth(OTHER_PARTNER), 'FORBIDDEN'],
      ['the public', async () => ({}), 'UNAUTHENTICATED'],
    ])('should refuse %s editing the offers with %s', async (_name, headersOf, code) => {
      const { id } = await apply({ offers: [{ text: 'Eigenes Angebot' }] });
      const result = await http(
        UPDATE,
        { id, version: 1, input: { offers: [{ text: 'Fremd' }], scope: 'CITY' } },
        await headersOf(),
      );
      expect(codeOf(result)).toBe(code);
      expect(await readPublic(id)).toMatchObject({
        version: 1,
        scope: 'NEIGHBOURHOOD',
        offers: [{ text: 'Eigenes Angebot' }],
      });
    });
  });

  describe('leaving and erasure', () => {
    const lists = {
      scope: 'BOROUGH',
      offers: [{ text: 'Beratung für Familien', topicKeys: ['education'] }],
      needs: [{ text: 'Räume am Abend' }],
    };

    it('should keep offers and needs of a partner that left', async () => {
      const { id } = await apply(lists);
      for (const step of ['admitPartner', 'recordPartnerLeft']) {
        expect((await http(STATUS(step), { id }, coordinator)).errors).toBeUndefined();
      }
      expect(await readPublic(id)).toMatchObject({ status: 'LEFT', ...lists });
      expect(await storedItems(id)).toHaveLength(2);
    });

    it('should delete the Offer and Need nodes on erasure', async () => {
      const { id } = await apply(lists);
      const erased = await http(STATUS('erasePartner'), { id }, coordinator);
      expect(erased.errors).toBeUndefined();
      expect(erased.data?.erasePartner).toMatchObject({ status: 'LEFT', offers: [], needs: [] });
      const [orphans] = await app.database.executor.read(
        {
          cypher: `MATCH (n:Offer|Need) WHERE n.text IN $texts AND NOT EXISTS { (:Partner)-->(n) }
RETURN count(n) AS n`,
          params: { texts: ['Beratung für Familien', 'Räume am Abend'] },
        },
        (r) => Number(r.get('n')),
      );
      expect(orphans).toBe(0);
      expect(await storedItems(id)).toEqual([]);
    });
  });

  it('should read scope, offers and needs of a page of partners in one statement', async () => {
    const { id } = await apply({
      scope: 'CITY',
      offers: [{ text: 'Sporthalle', topicKeys: ['sport'] }],
      needs: [{ text: 'Trainerinnen' }],
    });
    const statements: unknown[] = [];
    const stop = app.database.executor.observe((statement) => statements.push(statement));
    try {
      const body = await http(
        `query($id: ID!) { partners(first: 5, filter: { search: "Angebotsverein" }) {
          edges { node { scope offers { text topicKeys } needs { text } } } }
          partner(id: $id) { scope offers { text topicKeys } needs { text } } }`,
        { id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.partner).toEqual({
        scope: 'CITY',
        offers: [{ text: 'Sporthalle', topicKeys: ['sport'] }],
        needs: [{ text: 'Trainerinnen' }],
      });
    } finally {
      stop();
    }
    // One statement per root field.
    expect(statements).toHaveLength(2);
  });
});
