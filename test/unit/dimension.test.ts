import { dimensionQueries } from '../../src/dimensions/dimension.repository';
import { assertKey } from '../../src/common/checks';

describe('assertKey', () => {
  it.each(['age', 'social_origin', 'a1'])('should accept %p', (key) => {
    expect(() => assertKey('key', key)).not.toThrow();
  });

  it.each(['', 'Age', 'social-origin', "age' OR 1=1", 'a'.repeat(65), '1age'])(
    'should refuse %p with BAD_USER_INPUT naming the argument',
    (key) => {
      try {
        assertKey('key', key);
        throw new Error('accepted');
      } catch (error) {
        expect((error as { extensions: unknown }).extensions).toEqual({
          argument: 'key',
          code: 'BAD_USER_INPUT',
        });
        expect((error as Error).message).toMatch(/^expected key to be a lower-case key .* got /);
      }
    },
  );
});

describe('dimensionQueries', () => {
  it('should pass keys as a parameter, never in the Cypher text', () => {
    const query = dimensionQueries.byKeys(['age']);
    expect(query.cypher).toBe(
      'MATCH (d:Dimension) WHERE d.key IN $keys RETURN d {.*} AS dimension',
    );
    expect(query.params).toEqual({ keys: ['age'] });
  });
});
