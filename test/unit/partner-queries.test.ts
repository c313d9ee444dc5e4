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
