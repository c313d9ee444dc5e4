import { communityLabel } from '../../src/analytics/community-labels';

const share = (key: string, count: number, size: number) => ({ key, count, share: count / size });

describe('community labels', () => {
  it('should name a community by its two dominant dimensions and its sector, in German', () => {
    const named = communityLabel(
      [share('religion', 8, 10), share('ethnic_origin', 6, 10), share('age', 2, 10)],
      [share('CIVIL_SOCIETY', 9, 10), share('BUSINESS', 1, 10)],
      'de',
    );
    expect(named).toEqual({
      dimensionKeys: ['religion', 'ethnic_origin'],
      sectors: ['CIVIL_SOCIETY'],
      label: 'Religion & Ethnische Herkunft · Zivilgesellschaft',
    });
  });

  it('should name the dimensions that set a community apart, not the ones common everywhere', () => {
    const baseline = new Map([
      ['age', 0.7],
      ['religion', 0.1],
      ['gender', 0.3],
    ]);
    const named = communityLabel(
      [share('age', 9, 10), share('religion', 5, 10), share('gender', 4, 10)],
      [share('CIVIL_SOCIETY', 10, 10)],
      'de',
      baseline,
    );
    expect(named.dimensionKeys).toEqual(['religion', 'gender']);
    expect(named.label).toBe('Religion & Geschlecht · Zivilgesellschaft');
  });

  it('should fall back to the most frequent dimension when none reaches 30 %', () => {
    const named = communityLabel([share('abilities', 2, 10), share('age', 1, 10)], [], 'de');
    expect(named.dimensionKeys).toEqual(['abilities']);
  });

  it('should keep a second dimension out below 30 % and take a second sector from 30 %', () => {
    const named = communityLabel(
      [share('gender', 5, 10), share('age', 2, 10)],
      [share('BUSINESS', 6, 10), share('ADMINISTRATION', 3, 10), share('POLITICS', 1, 10)],
      'de',
    );
    expect(named.label).toBe('Geschlecht · Wirtschaft / Verwaltung');
    expect(named.dimensionKeys).toEqual(['gender']);
    expect(named.sectors).toEqual(['BUSINESS', 'ADMINISTRATION']);
  });

  it('should speak English when asked and name a community without dimensions by its sectors', () => {
    expect(communityLabel([share('sexual_orientation', 4, 4)], [], 'en').label).toBe(
      'Sexual orientation',
    );
    expect(communityLabel([], [share('POLITICS', 2, 2)], 'de').label).toBe('Politik');
  });

  it('should keep an unknown key as it is rather than invent a name', () => {
    expect(communityLabel([share('future_dimension', 1, 1)], [], 'de').label).toBe(
      'future_dimension',
    );
  });
});
