import { preferredLanguage } from '../../src/common/language';
import {
  assertConsortiumArgs,
  assertSuggestionRequest,
  resolveWeights,
} from '../../src/matching/matching.checks';
import { DEFAULT_WEIGHTS } from '../../src/matching/scoring';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string; argument?: string } }).extensions;
  }
  return null;
};

describe('resolveWeights', () => {
  it('should keep the default of every omitted weight', () => {
    expect(resolveWeights({ proximity: 5 })).toEqual({ ...DEFAULT_WEIGHTS, proximity: 5 });
    expect(resolveWeights(null)).toEqual(DEFAULT_WEIGHTS);
  });

  it('should refuse negative, non-finite and all-zero weights with BAD_USER_INPUT', () => {
    expect(codeOf(() => resolveWeights({ bridging: -0.1 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(codeOf(() => resolveWeights({ bridging: Infinity }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const zero = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]));
    expect(codeOf(() => resolveWeights(zero))).toMatchObject({ argument: 'weights' });
  });
});

describe('assertSuggestionRequest', () => {
  it('should accept 1–50 suggestions and well-formed keys', () => {
    expect(
      codeOf(() => assertSuggestionRequest({ first: 50, filter: { topics: ['sport'] } })),
    ).toBeNull();
  });

  it('should refuse other lengths, malformed keys and too many excluded ids', () => {
    expect(codeOf(() => assertSuggestionRequest({ first: 0 }))).toMatchObject({
      argument: 'first',
    });
    expect(codeOf(() => assertSuggestionRequest({ first: 1.5 }))).toMatchObject({
      argument: 'first',
    });
    expect(
      codeOf(() => assertSuggestionRequest({ first: 5, filter: { districts: ['Bad Key'] } })),
    ).toMatchObject({ argument: 'filter.districts' });
    const excludeIds = Array.from({ length: 101 }, (_, i) => `p-${i}`);
    expect(
      codeOf(() => assertSuggestionRequest({ first: 5, filter: { excludeIds } })),
    ).toMatchObject({
      argument: 'filter.excludeIds',
    });
  });
});

describe('assertConsortiumArgs', () => {
  const ok = { dimensions: ['age', 'gender'], size: 3, first: 5 };

  it('should accept 2+ distinct dimensions, size 3–5 and 1–20 groups', () => {
    expect(codeOf(() => assertConsortiumArgs(ok))).toBeNull();
    expect(codeOf(() => assertConsortiumArgs({ ...ok, size: 5, first: 20 }))).toBeNull();
  });

  it('should name the argument that is out of bounds', () => {
    expect(codeOf(() => assertConsortiumArgs({ ...ok, dimensions: ['age'] }))).toMatchObject({
      argument: 'dimensions',
    });
    expect(codeOf(() => assertConsortiumArgs({ ...ok, dimensions: ['age', 'age'] }))).toMatchObject(
      { argument: 'dimensions' },
    );
    expect(codeOf(() => assertConsortiumArgs({ ...ok, size: 2 }))).toMatchObject({
      argument: 'size',
    });
    expect(codeOf(() => assertConsortiumArgs({ ...ok, size: 6 }))).toMatchObject({
      argument: 'size',
    });
    expect(codeOf(() => assertConsortiumArgs({ ...ok, first: 21 }))).toMatchObject({
      argument: 'first',
    });
  });
});

describe('preferredLanguage', () => {
  it('should pick the supported language of highest quality, German by default', () => {
    expect(preferredLanguage('en-GB,en;q=0.9,de;q=0.5')).toBe('en');
    expect(preferredLanguage('fr-FR,de;q=0.3,en;q=0.7')).toBe('en');
    expect(preferredLanguage('de-AT')).toBe('de');
    expect(preferredLanguage('fr')).toBe('de');
    expect(preferredLanguage(undefined)).toBe('de');
    expect(preferredLanguage('en;q=0')).toBe('de');
  });
});
