import { Role } from '../../src/auth/auth.types';
import { excludedFor } from '../../src/matching/matching.mapping';
import type { PartnerProfile } from '../../src/matching/matching.model';
import { checkPairRules, type PairFacts } from '../../src/matching/pair-rules';
import { KEY_LABELS } from '../../src/matching/reasons';
import type { Seeker } from '../../src/matching/seeker';

/*
 * How a partner's outcomes act in matching (docs/matching.md#outcomes): NOT_A_FIT like a
 * dismissal, COOPERATION_PLANNED as a pair in progress — both private to the partner and
 * coordinators.
 */

const profile = (id: string, dimensions: string[]): PartnerProfile => ({
  id,
  sector: 'CIVIL_SOCIETY',
  districtKey: null,
  boroughKey: null,
  scope: 'NEIGHBOURHOOD',
  topics: [],
  engagements: dimensions.map((dimension) => ({ dimension, perspective: 'COMMUNITY' })),
  cooperationCount: 0,
  lastActiveOn: '2024-01-01',
});

const seekerProfile = profile('p-s', ['age']);
const candidate = profile('p-c', ['religion']);
const facts = (change: Partial<PairFacts>): PairFacts => ({
  seekerStatus: 'ACTIVE',
  candidateStatus: 'ACTIVE',
  sharedCooperationId: null,
  dismissed: false,
  outcome: null,
  ...change,
});
const rulesOf = (change: Partial<PairFacts>) =>
  Object.fromEntries(
    checkPairRules(seekerProfile, candidate, 'C', facts(change), KEY_LABELS).map((r) => [
      r.rule,
      r,
    ]),
  );

describe('pair rules and outcomes', () => {
  it('should pass NOT_DISMISSED and NOT_IN_PROGRESS without an outcome', () => {
    const rules = rulesOf({});
    expect(rules.NOT_DISMISSED?.passed).toBe(true);
    expect(rules.NOT_IN_PROGRESS?.passed).toBe(true);
  });

  it('should fail NOT_DISMISSED for a NOT_A_FIT outcome, saying how to undo it', () => {
    const rules = rulesOf({ outcome: 'NOT_A_FIT' });
    expect(rules.NOT_DISMISSED?.passed).toBe(false);
    expect(rules.NOT_DISMISSED?.text.de).toBe(
      'Sie haben zu C „passt nicht“ festgehalten; ein neues Ergebnis (recordOutcome) nimmt das zurück.',
    );
    expect(rules.NOT_IN_PROGRESS?.passed).toBe(true);
  });

  it('should fail NOT_IN_PROGRESS for a COOPERATION_PLANNED outcome', () => {
    const rules = rulesOf({ outcome: 'COOPERATION_PLANNED' });
    expect(rules.NOT_IN_PROGRESS?.passed).toBe(false);
    expect(rules.NOT_IN_PROGRESS?.text.en).toBe(
      'You are already planning a cooperation with C; meanwhile C is not suggested again.',
    );
    expect(rules.NOT_DISMISSED?.passed).toBe(true);
  });

  it.each(['MET', 'NO_RESPONSE'])('should let %s fail no rule', (outcome) => {
    expect(Object.values(rulesOf({ outcome })).every((r) => r.passed)).toBe(true);
  });

  it('should leave both rules out where dismissals are not told', () => {
    const rules = rulesOf({ dismissed: null, outcome: null });
    expect(rules.NOT_DISMISSED).toBeUndefined();
    expect(rules.NOT_IN_PROGRESS).toBeUndefined();
  });
});

describe('excludedFor and outcomes', () => {
  const seeker: Seeker = {
    profile: seekerProfile,
    status: 'ACTIVE',
    former: [],
    dismissed: ['p-dismissed', 'p-not-a-fit'],
    planned: ['p-planned'],
    needMatches: new Map(),
  };

  it('should exclude dismissed, NOT_A_FIT and planned partners from the own list', () => {
    const user = { subject: 'p-s', role: Role.PARTNER, partnerId: 'p-s' };
    expect(excludedFor(seeker, null, user)).toEqual([
      'p-s',
      'p-dismissed',
      'p-not-a-fit',
      'p-planned',
    ]);
  });

  it('should not let outcomes shape a public or another partner’s view', () => {
    const other = { subject: 'p-o', role: Role.PARTNER, partnerId: 'p-o' };
    expect(excludedFor(seeker, null, null)).toEqual(['p-s']);
    expect(excludedFor(seeker, null, other)).toEqual(['p-s']);
  });
});
