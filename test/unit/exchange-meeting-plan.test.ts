import {
  pairAffinities,
  pairWeight,
  PAIR_WEIGHTS,
  planMeetings,
  type PlannedMeetings,
} from '../../src/exchange/meeting-plan';
import { type PairAffinity, tableCounts, tableSizes } from '../../src/exchange/meeting-seating';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p-${String(i).padStart(3, '0')}`);

const affinity = (a: string, b: string, change: Partial<PairAffinity> = {}): PairAffinity => ({
  a,
  b,
  mutual: false,
  wish: false,
  suggestion: 0,
  ...change,
});

/** A small deterministic pseudo-random generator (LCG), so the fixtures are fixed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A meeting with mixed links: some matches, some wishes, many suggestions. */
function meeting(n: number, seed = 7): { partners: string[]; affinities: PairAffinity[] } {
  const partners = ids(n);
  const next = random(seed);
  const affinities: PairAffinity[] = [];
  partners.forEach((a, i) =>
    partners.slice(i + 1).forEach((b) => {
      const roll = next();
      if (roll < 0.03) affinities.push(affinity(a, b, { mutual: true }));
      else if (roll < 0.1) affinities.push(affinity(a, b, { wish: true }));
      else if (roll < 0.4) affinities.push(affinity(a, b, { suggestion: next() }));
    }),
  );
  return { partners, affinities };
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function seatedPairs(plan: PlannedMeetings): string[] {
  return plan.rounds.flatMap((round) =>
    round.flatMap((table) => table.flatMap((a, i) => table.slice(i + 1).map((b) => pairKey(a, b)))),
  );
}

describe('planMeetings', () => {
  const cases = [
    { n: 7, rounds: 3, tableSize: 3 },
    { n: 12, rounds: 4, tableSize: 4 },
    { n: 31, rounds: 5, tableSize: 6 },
    { n: 60, rounds: 6, tableSize: 8 },
  ];

  it.each(cases)(
    'should seat every partner exactly once per round ($n partners, tables of $tableSize)',
    ({ n, rounds, tableSize }) => {
      const { partners, affinities } = meeting(n);
      const plan = planMeetings(partners, affinities, { rounds, tableSize });
      expect(plan.rounds).toHaveLength(rounds);
      for (const round of plan.rounds) {
        expect(round.flat().sort()).toEqual(partners);
      }
    },
  );

  it.each(cases)(
    'should keep tables within tableSize and balanced ($n partners, tables of $tableSize)',
    ({ n, rounds, tableSize }) => {
      const { partners, affinities } = meeting(n);
      for (const round of planMeetings(partners, affinities, { rounds, tableSize }).rounds) {
        const sizes = round.map((table) => table.length);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(tableSize);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    },
  );

  it.each(cases)('should never seat a pair twice ($n partners)', ({ n, rounds, tableSize }) => {
    const { partners, affinities } = meeting(n);
    const pairs = seatedPairs(planMeetings(partners, affinities, { rounds, tableSize }));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('should seat every mutual match together when there is room', () => {
    const partners = ids(12);
    const matches: [string, string][] = [
      ['p-000', 'p-011'],
      ['p-003', 'p-007'],
      ['p-005', 'p-009'],
      ['p-001', 'p-002'],
    ];
    const affinities = [
      ...matches.map(([a, b]) => affinity(a, b, { mutual: true })),
      affinity('p-000', 'p-003', { wish: true }),
      affinity('p-004', 'p-006', { suggestion: 0.9 }),
    ];
    const plan = planMeetings(partners, affinities, { rounds: 1, tableSize: 4 });
    const seated = new Set(seatedPairs(plan));
    for (const [a, b] of matches) expect(seated).toContain(pairKey(a, b));
    expect(plan.breakdown.mutualMatches).toBe(4);
  });

  it('should prefer a match over a wish when only one fits', () => {
    // Tables of two: p-000 can sit with its match or with the partner it wishes to meet.
    const partners = ids(4);
    const affinities = [
      affinity('p-000', 'p-001', { wish: true }),
      affinity('p-000', 'p-002', { mutual: true }),
    ];
    const [firstRound] = planMeetings(partners, affinities, { rounds: 1, tableSize: 2 }).rounds;
    expect(firstRound).toContainEqual(['p-000', 'p-002']);
  });

  it('should seat wishes in later rounds once the matches have met', () => {
    const partners = ids(4);
    const affinities = [
      affinity('p-000', 'p-001', { wish: true }),
      affinity('p-000', 'p-002', { mutual: true }),
    ];
    const plan = planMeetings(partners, affinities, { rounds: 2, tableSize: 2 });
    expect(plan.rounds[1]).toContainEqual(['p-000', 'p-001']);
    expect(plan.breakdown).toEqual({ mutualMatches: 1, wishes: 1, suggestions: 0 });
    expect(plan.score).toBe(PAIR_WEIGHTS.mutual + PAIR_WEIGHTS.wish);
  });

  it('should be deterministic, whatever the order of its inputs', () => {
    const { partners, affinities } = meeting(40, 11);
    const options = { rounds: 4, tableSize: 5 };
    const first = planMeetings(partners, affinities, options);
    const shuffled = planMeetings([...partners].reverse(), [...affinities].reverse(), options);
    expect(shuffled).toEqual(first);
    expect(planMeetings(partners, affinities, options)).toEqual(first);
  });

  it('should total the score and breakdown over the seated pairs', () => {
    const { partners, affinities } = meeting(20, 3);
    const plan = planMeetings(partners, affinities, { rounds: 3, tableSize: 4 });
    const byPair = new Map(affinities.map((a) => [pairKey(a.a, a.b), a]));
    const seated = seatedPairs(plan).flatMap((key) => byPair.get(key) ?? []);
    const expected = seated.reduce((sum, a) => sum + pairWeight(a), 0);
    expect(plan.score).toBeCloseTo(expected, 3);
    expect(plan.breakdown.mutualMatches).toBe(seated.filter((a) => a.mutual).length);
    expect(plan.breakdown.wishes).toBe(seated.filter((a) => !a.mutual && a.wish).length);
  });

  it('should seat more weight than a plain split by id', () => {
    const { partners, affinities } = meeting(30, 5);
    const plan = planMeetings(partners, affinities, { rounds: 1, tableSize: 5 });
    const naive = planMeetings(partners, [], { rounds: 1, tableSize: 5 }).rounds;
    const byPair = new Map(affinities.map((a) => [pairKey(a.a, a.b), pairWeight(a)]));
    const naiveScore = seatedPairs({ ...plan, rounds: naive }).reduce(
      (sum, key) => sum + (byPair.get(key) ?? 0),
      0,
    );
    expect(plan.score).toBeGreaterThan(naiveScore * 1.5);
  });

  it('should end early when every further round would repeat a pair', () => {
    // Four partners at tables of two meet everyone in three rounds.
    const plan = planMeetings(ids(4), [], { rounds: 5, tableSize: 2 });
    expect(plan.rounds).toHaveLength(3);
    const pairs = seatedPairs(plan);
    expect(new Set(pairs).size).toBe(6);
  });

  it('should use more, smaller tables rather than repeat a pair', () => {
    // Round 1: two tables of three. Any two tables of three in round 2 would repeat a pair.
    const plan = planMeetings(ids(6), [], { rounds: 2, tableSize: 3 });
    expect(plan.rounds.map((round) => round.map((table) => table.length))).toEqual([
      [3, 3],
      [2, 2, 2],
    ]);
  });

  it('should not plan a round whose every layout repeats a pair', () => {
    expect(planMeetings(ids(4), [], { rounds: 2, tableSize: 4 }).rounds).toHaveLength(1);
  });

  it('should plan nothing for fewer than two partners', () => {
    expect(planMeetings(ids(1), [], { rounds: 3, tableSize: 4 }).rounds).toEqual([]);
  });
});

describe('planMeetings: nobody sits alone', () => {
  /** Every size from 2 to 25 partners, every table size from 2 to 6, with and without links. */
  const sizes = Array.from({ length: 24 }, (_, i) => i + 2).flatMap((n) =>
    [2, 3, 4, 5, 6].flatMap((tableSize) => [
      { n, tableSize, linked: true },
      { n, tableSize, linked: false },
    ]),
  );

  it('should keep at least two partners at every table, each partner once per round, everyone seated', () => {
    for (const { n, tableSize, linked } of sizes) {
      const { partners, affinities } = meeting(n, n * 31 + tableSize);
      const plan = planMeetings(partners, linked ? affinities : [], {
        rounds: 3,
        tableSize,
        budget: 2_000,
      });
      const context = `${n} partners, tables of ${tableSize}, ${linked ? 'linked' : 'unlinked'}`;
      // At least the first round is always possible: nobody has met yet.
      expect({ context, rounds: plan.rounds.length > 0 }).toEqual({ context, rounds: true });
      for (const round of plan.rounds) {
        const seated = round.flat();
        expect({ context, smallest: Math.min(...round.map((t) => t.length)) >= 2 }).toEqual({
          context,
          smallest: true,
        });
        expect({ context, once: new Set(seated).size === seated.length }).toEqual({
          context,
          once: true,
        });
        expect({ context, seated: [...seated].sort() }).toEqual({ context, seated: partners });
        // Beyond tableSize only the one table of three for tables of two and an odd count.
        const limit = tableSize === 2 && n % 2 === 1 ? 3 : tableSize;
        expect({ context, largest: Math.max(...round.map((t) => t.length)) <= limit }).toEqual({
          context,
          largest: true,
        });
      }
      const pairs = seatedPairs(plan);
      expect({ context, repeats: pairs.length - new Set(pairs).size }).toEqual({
        context,
        repeats: 0,
      });
    }
  });

  it.each([3, 5, 7, 9, 21])(
    'should seat %i partners at tables of two with exactly one table of three',
    (n) => {
      const [round] = planMeetings(ids(n), [], { rounds: 1, tableSize: 2 }).rounds;
      const lengths = (round ?? []).map((t) => t.length).sort();
      expect(lengths).toEqual([...Array<number>((n - 3) / 2).fill(2), 3]);
    },
  );
});

describe('tableCounts', () => {
  it.each([
    [3, 2, { fewest: 1, most: 1 }],
    [5, 2, { fewest: 2, most: 2 }],
    [6, 2, { fewest: 3, most: 3 }],
    [10, 3, { fewest: 4, most: 5 }],
    [2, 10, { fewest: 1, most: 1 }],
  ])('should give %i partners at tables of %i the counts %j', (n, tableSize, counts) => {
    expect(tableCounts(n, tableSize)).toEqual(counts);
  });

  it('should never allow a table count that leaves a table of one', () => {
    for (let n = 2; n <= 60; n += 1) {
      for (let tableSize = 2; tableSize <= 10; tableSize += 1) {
        const { fewest, most } = tableCounts(n, tableSize);
        expect(fewest).toBeLessThanOrEqual(most);
        for (let tables = fewest; tables <= most; tables += 1) {
          expect(Math.min(...tableSizes(n, tables))).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });
});

describe('tableSizes', () => {
  it.each([
    [10, 3, [4, 3, 3]],
    [8, 2, [4, 4]],
    [3, 2, [2, 1]],
  ])('should split %i seats over %i tables as %j', (n, tables, sizes) => {
    expect(tableSizes(n, tables)).toEqual(sizes);
  });
});

describe('pairAffinities', () => {
  it('should make mutual interests a match, one-sided ones a wish, and keep the best score', () => {
    const affinities = pairAffinities(
      [
        ['p-a', 'p-b'],
        ['p-b', 'p-a'],
        ['p-c', 'p-a'],
      ],
      [
        { a: 'p-a', b: 'p-d', score: 0.4 },
        { a: 'p-d', b: 'p-a', score: 0.6 },
        { a: 'p-b', b: 'p-a', score: 0.2 },
      ],
    );
    const byPair = Object.fromEntries(affinities.map((x) => [`${x.a}|${x.b}`, x]));
    expect(byPair['p-a|p-b']).toMatchObject({ mutual: true, wish: false, suggestion: 0.2 });
    expect(byPair['p-a|p-c']).toMatchObject({ mutual: false, wish: true, suggestion: 0 });
    expect(byPair['p-a|p-d']).toMatchObject({ mutual: false, wish: false, suggestion: 0.6 });
    expect(affinities).toHaveLength(3);
  });
});
