import { toLuceneQuery } from '../../src/common/lucene';

describe('toLuceneQuery', () => {
  it('should require every word as a lower-case prefix', () => {
    expect(toLuceneQuery('Türkische  Gemeinde')).toBe('+türkische* +gemeinde*');
  });

  it('should escape every special character so user text cannot change the query', () => {
    expect(toLuceneQuery('a+b (c) "d" e:f \\ / ~ ^ * ? ! & | { } [ ]')).toBe(
      '+a\\+b* +\\(c\\)* +\\"d\\"* +e\\:f* +\\\\* +\\/* +\\~* +\\^* +\\** +\\?* +\\!* +\\&* +\\|* +\\{* +\\}* +\\[* +\\]*',
    );
  });

  it('should turn operator words into plain terms', () => {
    expect(toLuceneQuery('cats AND dogs')).toBe('+cats* +and* +dogs*');
  });

  it('should treat control characters as spaces and empty text as no search', () => {
    expect(toLuceneQuery('a\u0000b')).toBe('+a* +b*');
    expect(toLuceneQuery(' \t ')).toBeNull();
  });

  it('should refuse text longer than 200 characters', () => {
    expect(() => toLuceneQuery('x'.repeat(201))).toThrow(
      'expected search to be at most 200 characters, got 201',
    );
  });
});
