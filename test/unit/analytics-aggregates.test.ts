import { GraphQLError } from 'graphql';
import {
  assertYearRange,
  expectedPairLinks,
  MAX_OVERVIEW_YEARS,
  type OverviewRows,
  overviewYears,
  sectorMatrix,
  sectorPairs,
  share,
  TrendDirection,
  trendDirection,
  trendWindows,
} from '../../src/analytics/aggregates';
import { aggregateQueries } from '../../src/analytics/aggregates.queries';
import { CooperationKind } from '../../src/cooperations/cooperation.types';
import { EventKind } from '../../src/events/event.types';
import { Sector } from '../../src/partners/partner.types';

/** The code, argument and message of what `work` throws. */
function thrown(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof GraphQLError) {
      return {
        code: error.extensions.code,
        argument: error.extensions.argument,
        message: error.message,
      };
    }
    throw error;
  }
  throw new Error('expected a GraphQLError, got none');
}

describe('year range of networkOverview', () => {
  it('should accept omitted bounds, one bound, and a range of exactly the maximum length', () => {
    expect(() => assertYearRange({ from: null, to: null })).not.toThrow();
    expect(() => assertYearRange({ from: 2016, to: null })).not.toThrow();
    expect(() => assertYearRange({ from: null, to: 2023 })).not.toThrow();
    expect(() => assertYearRange({ from: 2000, to: 2000 + MAX_OVERVIEW_YEARS - 1 })).not.toThrow();
  });

  it('should refuse from after to with BAD_USER_INPUT naming from', () => {
    expect(thrown(() => assertYearRange({ from: 2023, to: 2016 }))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'from',
      message: 'expected from to be at most to, got from 2023 and to 2016',
    });
  });

  it('should refuse more than fifty years', () => {
    const refused = thrown(() => assertYearRange({ from: 1950, to: 2023 }));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toBe('expected at most 50 years, got 74 (1950–2023)');
  });

  it('should refuse years outside 1900–2100, whichever bound', () => {
    expect(thrown(() => assertYearRange({ from: 1899, to: null })).argument).toBe('from');
    expect(thrown(() => assertYearRange({ from: null, to: 2101 })).argument).toBe('to');
  });
});

describe('overview time series', () => {
  const rows: OverviewRows = {
    fromYear: 2019,
    toYear: 2021,
    dataUntil: '2021-06-12',
    partnerYears: [
      { year: 2019, newPartners: 5, newMembers: 4, members: 4, active: 3 },
      { year: 2021, newPartners: 0, newMembers: 0, members: 8, active: 2 },
    ],
    started: [
      { year: 2019, kind: CooperationKind.DIVERSITY_COOPERATION, count: 2 },
      { year: 2021, kind: CooperationKind.ACTION_DAY_EVENT, count: 7 },
    ],
    events: [
      { year: 2019, kind: EventKind.ALLIANCE_MEETING, held: 2, attendees: 9 },
      { year: 2021, kind: EventKind.ACTION_DAYS, held: 1, attendees: 0 },
      { year: 2021, kind: EventKind.TRAINING, held: 3, attendees: 4 },
    ],
    actionDays: [{ year: 2021, events: 7, organisers: 11 }],
  };

  it('should give every year of the range, with zeros for a year without rows', () => {
    const years = overviewYears(rows, '2024-03-01');
    expect(years.map((y) => y.year)).toEqual([2019, 2020, 2021]);
    expect(years[1]).toEqual({
      year: 2020,
      partialYear: false,
      newPartners: 0,
      newMembers: 0,
      members: 0,
      activeMembers: 0,
      activeShare: 0,
      cooperationsStarted: [
        { kind: 'DIVERSITY_COOPERATION', count: 0 },
        { kind: 'NETWORK_PROJECT', count: 0 },
        { kind: 'ACTION_DAY_EVENT', count: 0 },
      ],
      actionDayOrganisers: 0,
      actionDayEvents: 0,
      meetingsHeld: 0,
      meetingAttendees: 0,
      trainingsHeld: 0,
      trainingAttendees: 0,
    });
  });

  it('should put each grouped row into its year and kind', () => {
    const [first, , last] = overviewYears(rows, '2024-03-01');
    expect(first).toMatchObject({
      newPartners: 5,
      newMembers: 4,
      activeShare: 0.75,
      meetingsHeld: 2,
      meetingAttendees: 9,
    });
    expect(first?.cooperationsStarted[0]).toEqual({ kind: 'DIVERSITY_COOPERATION', count: 2 });
    expect(last).toMatchObject({
      actionDayOrganisers: 11,
      actionDayEvents: 7,
      trainingsHeld: 3,
      trainingAttendees: 4,
      activeShare: 0.25,
    });
    expect(last?.cooperationsStarted[2]).toEqual({ kind: 'ACTION_DAY_EVENT', count: 7 });
  });

  it('should round shares to four decimals and give 0 for nothing to share', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(5, 0)).toBe(0);
  });
});

describe('trend of a dimension', () => {
  it('should compare the last two full years before the reference year with the two before', () => {
    expect(trendWindows(2023)).toEqual({
      recentFrom: 2021,
      recentTo: 2022,
      previousFrom: 2019,
      previousTo: 2020,
    });
  });

  it('should call a change of at most 10 % of the larger window STABLE', () => {
    expect(trendDirection(0, 0)).toBe(TrendDirection.STABLE);
    expect(trendDirection(100, 90)).toBe(TrendDirection.STABLE);
    expect(trendDirection(90, 100)).toBe(TrendDirection.STABLE);
  });

  it('should call larger changes RISING or FALLING', () => {
    expect(trendDirection(100, 89)).toBe(TrendDirection.RISING);
    expect(trendDirection(89, 100)).toBe(TrendDirection.FALLING);
    expect(trendDirection(1, 0)).toBe(TrendDirection.RISING);
    expect(trendDirection(0, 3)).toBe(TrendDirection.FALLING);
  });
});

describe('expected sector-pair links', () => {
  it('should be total × share_a × share_b on the diagonal and twice that off it', () => {
    expect(expectedPairLinks(100, 0.5, 0.5, true)).toBe(25);
    expect(expectedPairLinks(100, 0.5, 0.2, false)).toBe(20);
    expect(expectedPairLinks(0, 0.5, 0.2, false)).toBe(0);
  });

  it('should add up to the total over all ten unordered pairs when the shares add up to 1', () => {
    const shares: Record<Sector, number> = {
      CIVIL_SOCIETY: 0.75,
      BUSINESS: 0.11,
      POLITICS: 0.05,
      ADMINISTRATION: 0.09,
    };
    const pairs = sectorPairs();
    expect(pairs).toHaveLength(10);
    const sum = pairs.reduce(
      (total, { a, b }) => total + expectedPairLinks(840, shares[a], shares[b], a === b),
      0,
    );
    expect(sum).toBeCloseTo(840, 9);
  });
});

describe('sector matrix', () => {
  const sizes = [
    { sector: Sector.CIVIL_SOCIETY, partners: 6 },
    { sector: Sector.BUSINESS, partners: 2 },
  ];

  it('should list all ten pairs, with zero links where sectors never meet', () => {
    const matrix = sectorMatrix(sizes, [
      { sectors: [Sector.CIVIL_SOCIETY, Sector.CIVIL_SOCIETY], links: 6, cooperations: 4 },
      { sectors: [Sector.BUSINESS, Sector.CIVIL_SOCIETY], links: 2, cooperations: 2 },
    ]);
    expect(matrix.totalLinks).toBe(8);
    expect(matrix.cells).toHaveLength(10);
    const cell = (a: Sector, b: Sector) =>
      matrix.cells.find((c) => c.sectorA === a && c.sectorB === b);
    // shares 0.75 / 0.25: expected 8 × 0.75² = 4.5 within civil society, 8 × 2 × 0.75 × 0.25 = 3
    expect(cell(Sector.CIVIL_SOCIETY, Sector.CIVIL_SOCIETY)).toEqual({
      sectorA: 'CIVIL_SOCIETY',
      sectorB: 'CIVIL_SOCIETY',
      links: 6,
      cooperations: 4,
      expectedLinks: 4.5,
      ratio: 1.333,
    });
    expect(cell(Sector.CIVIL_SOCIETY, Sector.BUSINESS)).toMatchObject({
      links: 2,
      expectedLinks: 3,
      ratio: 0.667,
    });
    expect(cell(Sector.BUSINESS, Sector.BUSINESS)).toMatchObject({
      links: 0,
      expectedLinks: 0.5,
      ratio: 0,
    });
  });

  it('should give no ratio where a sector has no partners, and shares of the sizes', () => {
    const matrix = sectorMatrix(sizes, []);
    const politics = matrix.cells.find(
      (c) => c.sectorA === Sector.POLITICS && c.sectorB === Sector.POLITICS,
    );
    expect(politics).toMatchObject({ links: 0, expectedLinks: 0, ratio: null });
    expect(matrix.sectors).toEqual([
      { sector: 'CIVIL_SOCIETY', partners: 6, share: 0.75 },
      { sector: 'BUSINESS', partners: 2, share: 0.25 },
      { sector: 'POLITICS', partners: 0, share: 0 },
      { sector: 'ADMINISTRATION', partners: 0, share: 0 },
    ]);
  });
});

describe('aggregate Cypher', () => {
  it('should pass the date of inactivePartners as a parameter, never in the text', () => {
    const since = "2022-01-01'}) DETACH DELETE p //";
    const query = aggregateQueries.inactivePage(since, ['ACTIVE'], {
      direction: 'forward',
      limit: 5,
    });
    expect(query.cypher).not.toContain(since);
    expect(query.params?.since).toBe(since);
    expect(aggregateQueries.inactiveCount(since, ['ACTIVE']).cypher).not.toContain('2022');
  });

  it('should send years and limits as Neo4j integers, so that range() accepts them', () => {
    const { params } = aggregateQueries.overview({ from: 2016, to: null }, 2024);
    expect(params?.from).toEqual(expect.objectContaining({ low: 2016, high: 0 }));
    expect(params?.to).toBeNull();
    expect(params?.currentYear).toEqual(expect.objectContaining({ low: 2024 }));
  });
});
