import { GraphQLError } from 'graphql';
import {
  analyticsKinds,
  DEFAULT_ANALYTICS_KINDS,
  isPartialYear,
} from '../../src/analytics/aggregates';
import { inactiveStatuses } from '../../src/analytics/analytics.service';
import { BUDDY_MIN_COOPERATIONS, chooseBuddy } from '../../src/analytics/buddies';
import { CooperationKind } from '../../src/cooperations/cooperation.types';
import { PartnerStatus } from '../../src/partners/partner.types';

describe('counted cooperation kinds', () => {
  it('should count diversity cooperations and network projects when no kinds are given', () => {
    expect(analyticsKinds(null)).toEqual([
      CooperationKind.DIVERSITY_COOPERATION,
      CooperationKind.NETWORK_PROJECT,
    ]);
    expect(analyticsKinds([])).toEqual([...DEFAULT_ANALYTICS_KINDS]);
    expect(analyticsKinds(undefined)).not.toContain(CooperationKind.ACTION_DAY_EVENT);
  });

  it('should take the kinds asked for, once each, in a stable order', () => {
    expect(
      analyticsKinds([
        CooperationKind.NETWORK_PROJECT,
        CooperationKind.ACTION_DAY_EVENT,
        CooperationKind.NETWORK_PROJECT,
      ]),
    ).toEqual([CooperationKind.ACTION_DAY_EVENT, CooperationKind.NETWORK_PROJECT]);
  });
});

describe('partial years', () => {
  it('should flag the current year and later years as partial', () => {
    expect(isPartialYear(2026, '2026-12-07', null)).toBe(true);
    expect(isPartialYear(2027, '2026-12-07', null)).toBe(true);
    expect(isPartialYear(2025, '2026-12-07', null)).toBe(false);
  });

  it('should flag the year the data stop in, when they stop before its end', () => {
    expect(isPartialYear(2023, '2026-12-07', '2023-06-12')).toBe(true);
    expect(isPartialYear(2024, '2026-12-07', '2023-06-12')).toBe(true);
    expect(isPartialYear(2022, '2026-12-07', '2023-06-12')).toBe(false);
  });

  it('should count a year as whole when the cut-off is its last day', () => {
    expect(isPartialYear(2023, '2026-12-07', '2023-12-31')).toBe(false);
    expect(isPartialYear(2026, '2026-12-31', null)).toBe(false);
  });

  it('should take today when the data reach past it (a planned event)', () => {
    expect(isPartialYear(2026, '2026-03-01', '2027-01-15')).toBe(true);
  });
});

describe('statuses of inactivePartners', () => {
  it('should default to ACTIVE: paused partners rest on purpose', () => {
    expect(inactiveStatuses(null)).toEqual([PartnerStatus.ACTIVE]);
    expect(inactiveStatuses([])).toEqual([PartnerStatus.ACTIVE]);
  });

  it('should take PAUSED when asked', () => {
    expect(inactiveStatuses([PartnerStatus.PAUSED, PartnerStatus.ACTIVE])).toEqual([
      PartnerStatus.ACTIVE,
      PartnerStatus.PAUSED,
    ]);
  });

  it('should refuse APPLIED and LEFT with BAD_USER_INPUT naming statuses', () => {
    for (const status of [PartnerStatus.APPLIED, PartnerStatus.LEFT]) {
      let error: unknown;
      try {
        inactiveStatuses([PartnerStatus.ACTIVE, status]);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'statuses',
      });
    }
  });
});

describe('buddies', () => {
  const suggestions = [
    { partnerId: 'p-newcomer', score: 0.9 },
    { partnerId: 'p-b', score: 0.7 },
    { partnerId: 'p-a', score: 0.7 },
    { partnerId: 'p-veteran', score: 0.6 },
  ];

  it('should never pick a partner with fewer cooperations than the minimum', () => {
    const experience = new Map([['p-newcomer', BUDDY_MIN_COOPERATIONS - 1]]);
    expect(chooseBuddy(suggestions, experience)).toBeNull();
  });

  it('should pick the best score among the experienced, then more cooperations, then id', () => {
    const experience = new Map([
      ['p-newcomer', 0],
      ['p-a', 3],
      ['p-b', 5],
      ['p-veteran', 12],
    ]);
    expect(chooseBuddy(suggestions, experience)?.partnerId).toBe('p-b');
    experience.set('p-b', 3);
    expect(chooseBuddy(suggestions, experience)?.partnerId).toBe('p-a');
  });

  it('should leave out candidates missing from the experience (not ACTIVE)', () => {
    expect(chooseBuddy(suggestions, new Map([['p-veteran', 4]]))?.partnerId).toBe('p-veteran');
    expect(chooseBuddy([], new Map())).toBeNull();
  });
});
