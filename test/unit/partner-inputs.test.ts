import { validate } from 'class-validator';
import { fieldProblems } from '../../src/common/validation';
import {
  anonymisedName,
  profileChanges,
  referenceLists,
  unknownKeys,
} from '../../src/partners/partner-write.mapping';
import { partnerWriteQueries } from '../../src/partners/partner-write.repository';
import {
  ApplyForMembershipInput,
  DimensionEngagementInput,
  UpdatePartnerProfileInput,
} from '../../src/partners/partner.inputs';
import { PartnerKind, PartnerStatus, Perspective, Sector } from '../../src/partners/partner.types';

function engagement(key: string, perspective: string): DimensionEngagementInput {
  return Object.assign(new DimensionEngagementInput(), { key, perspective });
}

function application(overrides: Partial<ApplyForMembershipInput> = {}): ApplyForMembershipInput {
  return Object.assign(new ApplyForMembershipInput(), {
    name: 'Kulturverein Jungbusch',
    sector: Sector.CIVIL_SOCIETY,
    kind: PartnerKind.CULTURE,
    contactName: 'Ayşe Demir',
    contactEmail: 'kontakt@example.org',
    website: 'https://example.org',
    topicKeys: ['culture'],
    dimensions: [engagement('age', Perspective.COMMUNITY)],
    acceptsDeclaration: true,
    ...overrides,
  });
}

const problemsOf = async (input: object) => fieldProblems(await validate(input), 'input');

describe('ApplyForMembershipInput', () => {
  it('should accept a complete application', async () => {
    expect(await problemsOf(application())).toEqual([]);
  });

  it('should refuse an application without the declaration', async () => {
    expect(await problemsOf(application({ acceptsDeclaration: false }))).toEqual([
      {
        path: 'input.acceptsDeclaration',
        reason: 'expected true (the declaration must be accepted), got false',
      },
    ]);
  });

  it('should name every bad field with "expected X, got Y"', async () => {
    const problems = await problemsOf(
      application({ name: 'X', contactEmail: 'not-mail', website: 'ftp://x', contactPhone: 'abc' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'input.name', reason: 'expected a name of 2-200 characters, got "X"' },
        { path: 'input.contactEmail', reason: 'expected an e-mail address, got "not-mail"' },
        { path: 'input.website', reason: 'expected an http(s) URL, got "ftp://x"' },
        expect.objectContaining({ path: 'input.contactPhone' }),
      ]),
    );
  });

  it('should give nested dimension items their index in the path', async () => {
    const problems = await problemsOf(
      application({
        dimensions: [engagement('age', 'COMMUNITY'), engagement('Bad Key', 'SOMETIMES')],
      }),
    );
    expect(problems.map((p) => p.path).sort()).toEqual([
      'input.dimensions[1].key',
      'input.dimensions[1].perspective',
    ]);
  });

  it('should refuse malformed and duplicate topic keys', async () => {
    const problems = await problemsOf(
      application({ topicKeys: ['culture', 'culture', 'Kultur!'] }),
    );
    expect(problems.map((p) => p.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^expected distinct topic keys/),
        'expected a lower-case key such as "social_origin", got "Kultur!" at index 2',
      ]),
    );
  });

  it('should refuse the same dimension twice with the same perspective', async () => {
    const twice = [engagement('age', 'SERVICE'), engagement('age', 'SERVICE')];
    const problems = await problemsOf(application({ dimensions: twice }));
    expect(problems).toEqual([expect.objectContaining({ path: 'input.dimensions' })]);
  });
});

describe('UpdatePartnerProfileInput', () => {
  it('should accept an empty change and nulls', async () => {
    const input = Object.assign(new UpdatePartnerProfileInput(), { website: null });
    expect(await problemsOf(new UpdatePartnerProfileInput())).toEqual([]);
    expect(await problemsOf(input)).toEqual([]);
  });

  it('should keep contact name and e-mail on null but clear the optional fields', () => {
    const input = Object.assign(new UpdatePartnerProfileInput(), {
      description: 'neu',
      website: null,
      contactName: null,
    });
    expect(profileChanges(input)).toEqual({ description: 'neu', website: null });
  });

  it('should replace only the given lists; a null district removes it', () => {
    expect(referenceLists({ topicKeys: null })).toEqual({});
    expect(referenceLists({ districtKey: null, topicKeys: [] })).toEqual({
      district: [],
      topics: [],
    });
    expect(referenceLists({ dimensions: [engagement('age', 'SERVICE')] })).toEqual({
      dimensions: [{ key: 'age', perspective: 'SERVICE' }],
    });
  });
});

describe('partner write helpers', () => {
  it('should name unknown reference keys by input path', () => {
    expect(
      unknownKeys('topics', [{ key: 'culture' }, { key: 'nope' }], new Set(['culture'])),
    ).toEqual([{ path: 'input.topicKeys[1]', reason: 'expected a known topic key, got "nope"' }]);
    expect(unknownKeys('district', [{ key: 'atlantis' }], new Set())).toEqual([
      { path: 'input.districtKey', reason: 'expected a known district key, got "atlantis"' },
    ]);
    expect(unknownKeys('dimensions', [{ key: 'x' }], new Set())[0]?.path).toBe(
      'input.dimensions[0].key',
    );
  });

  it('should anonymise names stably and without the id', () => {
    expect(anonymisedName('p-1')).toMatch(/^Anonymisierte Organisation [0-9a-f]{8}$/);
    expect(anonymisedName('p-1')).toBe(anonymisedName('p-1'));
    expect(anonymisedName('p-1')).not.toBe(anonymisedName('p-2'));
  });

  it('should make status changes conditional on the expected status, values as parameters', () => {
    const query = partnerWriteQueries.transition(
      'p-1',
      [PartnerStatus.APPLIED],
      PartnerStatus.ACTIVE,
    );
    expect(query.cypher).toMatch(
      /SET p\._lock = true REMOVE p\._lock\s+WITH p WHERE p\.status IN \$from/,
    );
    expect(query.cypher).toContain('p.version = p.version + 1');
    expect(query.params).toEqual({ id: 'p-1', from: ['APPLIED'], to: 'ACTIVE' });
  });

  it('should condition profile updates on the version in the same statement', () => {
    const query = partnerWriteQueries.updateProfile('p-1', 3, { description: 'x' });
    expect(query.cypher).toMatch(/WHERE p\.version = \$version\s+SET p \+= \$changes/);
    expect(query.params?.changes).toEqual({ description: 'x' });
  });
});
