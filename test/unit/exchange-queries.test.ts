import neo4j from 'neo4j-driver';
import { interestQueries, pairKey } from '../../src/exchange/exchange-interest.repository';
import { exchangeQueries } from '../../src/exchange/exchange.repository';
import { ExchangeStatus } from '../../src/exchange/exchange.types';

describe('exchangeQueries', () => {
  it('should take the exchange write lock before reading its status', () => {
    const { cypher, params } = exchangeQueries.lock('x-1');
    expect(cypher).toMatch(/SET x\._lock = true REMOVE x\._lock RETURN x\.status/);
    expect(params).toEqual({ id: 'x-1' });
  });

  it('should keep every value a parameter', () => {
    const queries = [
      exchangeQueries.create({ id: 'x-secret', title: 'Börse secret', eventId: 'e-secret' }),
      exchangeQueries.setStatus('x-secret', ExchangeStatus.OPEN),
      exchangeQueries.checkIn('x-secret', 'p-secret'),
      exchangeQueries.createPost({
        id: 'post-secret',
        exchangeId: 'x-secret',
        partnerId: 'p-secret',
        kind: 'OFFER',
        text: 'secret text',
        dimensionKeys: ['age'],
        topicKeys: ['youth'],
      }),
      interestQueries.interestState('x-secret', 'p-secret', 'p-other'),
      interestQueries.createMatch('m-secret', 'x-secret', ['p-secret', 'p-other']),
      exchangeQueries.savePlan('x-secret', '{"secret":1}'),
      exchangeQueries.attendMeeting('x-secret', 'p-secret'),
      exchangeQueries.postsByIds(['post-secret']),
      interestQueries.matchesByIds(['m-secret']),
      interestQueries.interestsOfMatches(['m-secret']),
      interestQueries.interests('x-secret', 'p-secret', { sent: true, received: false }),
      interestQueries.matches('x-secret', 'p-secret'),
    ];
    for (const { cypher } of queries) {
      expect(cypher).not.toMatch(/secret|p-other|'OPEN'|'ACTIVE'|'DRAFT'/);
    }
  });

  it('should store the term query of a new post beside its text, and drop it on erasure', () => {
    const { cypher, params } = exchangeQueries.createPost({
      id: 'post-1',
      exchangeId: 'x-1',
      partnerId: 'p-1',
      kind: 'NEED',
      text: 'Räume (abends) gesucht',
      dimensionKeys: [],
      topicKeys: [],
    });
    expect(cypher).toContain('query: $query');
    expect(params?.query).toBe('Räume abends gesucht');
    expect(exchangeQueries.erasePosts('x-1', 'p-1').cypher).toContain('REMOVE post.query');
  });

  it('should record attendance only at an ALLIANCE_MEETING, saying whether it is new', () => {
    const { cypher, params } = exchangeQueries.attendMeeting('x-1', 'p-1');
    expect(cypher).toMatch(/-\[:AT\]->\(e:Event \{kind: \$meeting\}\)/);
    expect(cypher).toMatch(/MERGE \(p\)-\[:ATTENDED\]->\(e\)/);
    expect(cypher).toMatch(/RETURN e\.id AS eventId, created/);
    expect(params).toEqual({ exchangeId: 'x-1', partnerId: 'p-1', meeting: 'ALLIANCE_MEETING' });
  });

  it('should page exchanges with an integer limit, newest first', () => {
    const { cypher, params } = exchangeQueries.list(null, 20);
    expect(cypher).toContain('ORDER BY x.createdAt DESC, x.id DESC LIMIT $limit');
    expect(params).toEqual({ status: null, limit: neo4j.int(20) });
  });
});

describe('pairKey', () => {
  it('should name a pair the same in both directions', () => {
    expect(pairKey('p-b', 'p-a')).toBe(pairKey('p-a', 'p-b'));
    expect(interestQueries.createMatch('m', 'x', ['p-b', 'p-a']).params?.pairKey).toBe('p-a|p-b');
  });
});
