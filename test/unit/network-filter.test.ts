import { GraphQLError } from 'graphql';
import { VersionedCache } from '../../src/network/network.cache';
import { networkCacheKey, normaliseFilter } from '../../src/network/network.filter';
import { parseExportQuery } from '../../src/network/network.routes';
import { routeErrorResponse } from '../../src/common/route-errors';

/** The code and message of what `work` throws. */
function thrown(work: () => unknown): { code: unknown; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof GraphQLError) {
      return { code: error.extensions.code, message: error.message };
    }
    throw error;
  }
  throw new Error('expected a GraphQLError, got none');
}

describe('network filter normalisation', () => {
  it('should fill in the member statuses and minimum weight 1', () => {
    expect(normaliseFilter(null)).toEqual({
      sectors: null,
      statuses: ['ACTIVE', 'PAUSED'],
      dimensions: null,
      districts: null,
      cooperationKinds: null,
      from: null,
      to: null,
      minWeight: 1,
    });
  });

  it('should sort lists, drop duplicates and treat empty lists as no restriction', () => {
    const a = normaliseFilter({ sectors: ['POLITICS', 'BUSINESS', 'POLITICS'], districts: [] });
    const b = normaliseFilter({ sectors: ['BUSINESS', 'POLITICS'] });
    expect(a).toEqual(b);
    expect(a.sectors).toEqual(['BUSINESS', 'POLITICS']);
    expect(networkCacheKey('PARTNERS', a, 'de')).toBe(networkCacheKey('PARTNERS', b, 'en'));
  });

  it('should key dimension labels by language in DIMENSIONS mode only', () => {
    const filter = normaliseFilter({});
    expect(networkCacheKey('DIMENSIONS', filter, 'de')).not.toBe(
      networkCacheKey('DIMENSIONS', filter, 'en'),
    );
  });

  it.each([
    [{ from: '2022-01-01', to: '2021-01-01' }, /from \(2022-01-01\) to be on or before/],
    [{ from: '2021-02-30' }, /expected filter.from to be a date/],
    [{ minWeight: 0 }, /expected filter.minWeight to be an integer from 1/],
    [{ minWeight: 1.5 }, /minWeight/],
    [{ dimensions: ['Age!'] }, /expected filter.dimensions\[0\] to be a lower-case key/],
    [{ districts: Array.from({ length: 51 }, (_, i) => `d${i}`) }, /at most 50 values, got 51/],
  ])('should refuse %j with BAD_USER_INPUT', (filter, message) => {
    const error = thrown(() => normaliseFilter(filter));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });
});

describe('network export query parameters', () => {
  it('should read lists as comma-separated or repeated parameters', () => {
    expect(
      parseExportQuery({
        mode: 'BIPARTITE',
        sectors: 'BUSINESS,POLITICS',
        dimensions: ['age', 'gender'],
        minWeight: '2',
        from: '2020-01-01',
      }),
    ).toEqual({
      mode: 'BIPARTITE',
      filter: {
        sectors: ['BUSINESS', 'POLITICS'],
        statuses: undefined,
        dimensions: ['age', 'gender'],
        districts: undefined,
        cooperationKinds: undefined,
        from: '2020-01-01',
        to: undefined,
        minWeight: 2,
      },
    });
  });

  it('should default to PARTNERS', () => {
    expect(parseExportQuery({}).mode).toBe('PARTNERS');
  });

  it.each([
    [{ mode: 'EVERYTHING' }, 'mode'],
    [{ sectors: 'BUSINESS,SPACE' }, 'sectors'],
    [{ minWeight: 'two' }, 'minWeight'],
    [{ mode: ['PARTNERS', 'BIPARTITE'] }, 'mode'],
    [{ sector: 'BUSINESS' }, 'sector'],
  ])('should refuse %j naming the parameter', (query, parameter) => {
    try {
      parseExportQuery(query);
      throw new Error('expected a refusal');
    } catch (error) {
      const { status, body } = routeErrorResponse(error);
      expect(status).toBe(400);
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
    }
  });
});

describe('versioned network cache', () => {
  it('should share one computation between concurrent identical requests', async () => {
    const cache = new VersionedCache<number>(4);
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 42;
    };
    const results = await Promise.all([1, 2, 3].map(() => cache.get(1, 'k', compute)));
    expect(results).toEqual([42, 42, 42]);
    expect(runs).toBe(1);
    expect(cache.stats()).toEqual({ hits: 2, misses: 1, entries: 1 });
  });

  it('should recompute for a newer data version and drop the older entries', async () => {
    const cache = new VersionedCache<string>(4);
    await cache.get(1, 'a', async () => 'a@1');
    await cache.get(1, 'b', async () => 'b@1');
    expect(await cache.get(2, 'a', async () => 'a@2')).toBe('a@2');
    expect(cache.stats().entries).toBe(1);
  });

  it('should evict the least recently used entry beyond its size', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get(1, 'a', async () => 'a');
    await cache.get(1, 'b', async () => 'b');
    await cache.get(1, 'a', async () => 'a again');
    await cache.get(1, 'c', async () => 'c');
    expect(await cache.get(1, 'a', async () => 'recomputed')).toBe('a');
    expect(await cache.get(1, 'b', async () => 'recomputed')).toBe('recomputed');
  });

  it('should forget a failed computation', async () => {
    const cache = new VersionedCache<string>(2);
    await expect(cache.get(1, 'a', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await cache.get(1, 'a', async () => 'ok')).toBe('ok');
  });
});
