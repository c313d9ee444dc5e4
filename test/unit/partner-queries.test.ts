import neo4j from 'neo4j-driver';
import { partnerFilterClause, partnerQueries } from '../../src/partners/partner.repository';
import {
  OrderDirection,
  PartnerOrderField,
  Perspective,
  Sector,
} from '../../src/partners/partner.types';

describe('partnerFilterClause', () => {
  it('should match all partners without a filter', () => {
    expect(partnerFilterClause()).toEqual({
      source: 'MATCH (p:Partner)',
      conditions: [],
      params: {},
    });
  });

  it('should start from the full-text index when searching', () => {
    const clause = partnerFilterClause({ search: 'Moschee', sectors: [Sector.CIVIL_SOCIETY] });
    expect(clause.source).toContain("db.index.fulltext.queryNodes('partner_search', $search)");
    expect(clause.params).toEqual({ search: '+moschee*', sectors: ['CIVIL_SOCIETY'] });
  });

  it('should start from the districts when they are given, and keep every value a parameter', () => {
    const clause = partnerFilterClause({
      districts: ['jungbusch'],
      dimensions: ['age'],
      perspective: Perspective.ADVOCACY,
    });
    expect(clause.source).toMatch(
      /^MATCH \(anchor:District\)<-\[:LOCATED_IN\]-\(p:Partner\) WHERE anchor.key IN \$districts/,
    );
    expect(clause.params).toEqual({
      districts: ['jungbusch'],
      dimensions: ['age'],
      perspective: 'ADVOCACY',
    });
    expect(clause.conditions.join(' ')).not.toMatch(/jungbusch|age|ADVOCACY/);
    expect(clause.conditions.join(' ')).not.toContain('LOCATED_IN');
  });
});

describe('partnerQueries.page', () => {
  it('should fetch one row more than the page and order with the id as tie-break', () => {
    const query = partnerQueries.page(
      { statuses: [] },
      { field: PartnerOrderField.JOINED_ON, direction: OrderDirection.DESC },
      { direction: 'forward', limit: 10, from: ['2020-01-01', 'p-7'] },
    );
    expect(query.cypher).toContain('ORDER BY p.joinedOn DESC, p.id DESC LIMIT $limit');
    expect(query.cypher).toContain('p.joinedOn < date($cursorValue)');
    expect(query.params).toEqual({
      cursorValue: '2020-01-01',
      cursorId: 'p-7',
      limit: neo4j.int(11),
    });
    expect(query.cypher).not.toContain('contactEmail');
  });
});

describe('partnerQueries.page with forged cursors', () => {
  const page = (field: PartnerOrderField, value: string | number) => () =>
    partnerQueries.page(
      { statuses: [] },
      { field, direction: OrderDirection.ASC },
      { direction: 'forward', limit: 10, from: [value, 'p-7'] },
    );
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return {
        code: (error as { extensions?: { code?: unknown } }).extensions?.code,
        message: (error as Error).message,
      };
    }
    return 'accepted';
  };

  it.each([
    [PartnerOrderField.JOINED_ON, '2016-13-45'],
    [PartnerOrderField.JOINED_ON, '2023-02-29'],
    [PartnerOrderField.JOINED_ON, 'gestern'],
    [PartnerOrderField.JOINED_ON, 20200101],
    [PartnerOrderField.LAST_ACTIVITY, '2020-1-1'],
    [PartnerOrderField.COOPERATION_COUNT, '7'],
    [PartnerOrderField.COOPERATION_COUNT, 1.5],
    [PartnerOrderField.COOPERATION_COUNT, 2 ** 60],
    [PartnerOrderField.NAME, 42],
  ])('should refuse a %s cursor holding %p with BAD_USER_INPUT', (field, value) => {
    expect(codeOf(page(field, value))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(
        /^expected after to be a cursor holding a \w+ sort value, got /,
      ),
    });
  });

  it.each([
    [PartnerOrderField.JOINED_ON, '2024-02-29'],
    [PartnerOrderField.COOPERATION_COUNT, 0],
    [PartnerOrderField.NAME, 'Nachbarschaftsverein Jungbusch'],
  ])('should accept a %s cursor holding %p', (field, value) => {
    expect(codeOf(page(field, value))).toBe('accepted');
  });
});
