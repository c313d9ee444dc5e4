import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

const RUN = randomUUID().slice(0, 8);

const APPLY = `mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdatePartnerProfileInput!) {
  updatePartnerProfile(id: $id, version: $version, input: $input) { version } }`;
const ERASE = `mutation($id: ID!) { erasePartner(id: $id) { status } }`;
const FILTERED = `query($dimensions: [String!]!, $search: String!) {
  partners(first: 50, filter: { dimensions: $dimensions, search: $search, statuses: [APPLIED, LEFT] }) {
    totalCount edges { node { id } } } }`;

/** Partners whose stored list differs from the dimensions of their relationships. */
const DISAGREEING = `MATCH (p:Partner)
WITH p, COLLECT { MATCH (p)-[:ENGAGES_IN]->(d:Dimension) RETURN DISTINCT d.key AS key ORDER BY key } AS engaged
WHERE p.dimensionKeys IS NULL OR p.dimensionKeys <> engaged
RETURN p.id AS id`;

describe('Partner.dimensionKeys', () => {
  let app: App;
  let coordinator: Record<string, string>;
  let id: string;
  const name = `Dimensionsverein ${RUN}`;

  beforeAll(async () => {
    app = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '1000' });
    coordinator = await coordinatorAuth();
  });

  afterAll(async () => {
    await app?.database.executor.write(
      { cypher: 'MATCH (p:Partner {id: $id}) DETACH DELETE p', params: { id: id ?? null } },
      () => null,
    );
    await app?.stop();
  });

  const disagreeing = () =>
    app.database.executor.read({ cypher: DISAGREEING }, (r) => r.get('id') as string);
  const stored = async () =>
    (
      await app.database.executor.read(
        { cypher: 'MATCH (p:Partner {id: $id}) RETURN p.dimensionKeys AS keys', params: { id } },
        (r) => r.get('keys') as string[],
      )
    )[0];
  const found = async (dimensions: string[]) => {
    const { body } = await postGraphQL<{ partners: { edges: { node: { id: string } }[] } }>(
      app,
      FILTERED,
      { dimensions, search: RUN },
      coordinator,
    );
    expect(body.errors).toBeUndefined();
    return body.data?.partners.edges.map((e) => e.node.id) ?? [];
  };

  it('should agree with every partner relationships after the demo seed and the migrations', async () => {
    expect(await disagreeing()).toEqual([]);
  });

  it('should follow applying, profile edits and erasure, and the dimension filter with it', async () => {
    const applied = await postGraphQL<{ applyForMembership: { id: string } }>(app, APPLY, {
      input: {
        name,
        sector: 'CIVIL_SOCIETY',
        kind: 'ASSOCIATION',
        contactName: 'Lena Vogel',
        contactEmail: 'kontakt@dimensionen.example.org',
        districtKey: 'jungbusch',
        topicKeys: ['culture'],
        dimensions: [
          { key: 'religion', perspective: 'COMMUNITY' },
          { key: 'age', perspective: 'SERVICE' },
          { key: 'age', perspective: 'ADVOCACY' },
        ],
        acceptsDeclaration: true,
      },
    });
    expect(applied.body.errors).toBeUndefined();
    id = applied.body.data?.applyForMembership.id as string;
    expect(await stored()).toEqual(['age', 'religion']);
    expect(await found(['age', 'religion'])).toEqual([id]);

    const update = await postGraphQL(
      app,
      UPDATE,
      { id, version: 1, input: { dimensions: [{ key: 'gender', perspective: 'ADVOCACY' }] } },
      await partnerAuth(id),
    );
    expect(update.body.errors).toBeUndefined();
    expect(await stored()).toEqual(['gender']);
    expect(await found(['gender'])).toEqual([id]);
    expect(await found(['age'])).toEqual([]);

    const erased = await postGraphQL(app, ERASE, { id }, coordinator);
    expect(erased.body.errors).toBeUndefined();
    expect(await stored()).toEqual([]);
    expect(await disagreeing()).toEqual([]);
  });
});
