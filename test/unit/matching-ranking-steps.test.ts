import { TimeSlicer } from '../../src/common/time-slicer';
import type { Perspective } from '../../src/cooperations/cross-dimension-rule';
import type { PartnerProfile } from '../../src/matching/matching.model';
import { labelsFrom, toSuggestion } from '../../src/matching/matching.mapping';
import { type Candidate, rankCandidates, scoreEligible } from '../../src/matching/rank';
import { inCommunities, withCommunity } from '../../src/matching/ranking-context';
import {
  type RankJob,
  rankSteps,
  runToEnd,
  SCORE_CHUNK,
  scoreSteps,
  suggestionSteps,
} from '../../src/matching/ranking-steps';
import { DEFAULT_WEIGHTS } from '../../src/matching/scoring';

/** A small deterministic generator (mulberry32), so the alliance is the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIMENSIONS = ['age', 'religion', 'gender', 'abilities', 'ethnic_origin', 'social_origin'];
const SECTORS = ['CIVIL_SOCIETY', 'BUSINESS', 'POLITICS', 'ADMINISTRATION'];
const PERSPECTIVES: readonly Perspective[] = ['COMMUNITY', 'SERVICE', 'ADVOCACY'];

/** An alliance of `size` partners with varied dimensions, places, topics and activity. */
function alliance(size: number): PartnerProfile[] {
  const next = random(18);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: size }, (_, i) => ({
    id: `p${String(i).padStart(4, '0')}`,
    sector: pick(SECTORS),
    districtKey: next() < 0.1 ? null : `d${Math.floor(next() * 12)}`,
    boroughKey: `b${Math.floor(next() * 4)}`,
    scope: pick(['NEIGHBOURHOOD', 'NEIGHBOURHOOD', 'BOROUGH', 'CITY'] as const),
    topics: [...new Set([pick(['sport', 'art', 'school']), pick(['food', 'art', 'work'])])].sort(),
    engagements: Array.from({ length: Math.floor(next() * 3) }, () => ({
      dimension: pick(DIMENSIONS),
      perspective: pick(PERSPECTIVES),
    })),
    cooperationCount: Math.floor(next() * 4),
    lastActiveOn: `2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
  }));
}

const partners = alliance(300);
const candidates: Candidate[] = partners.map((profile, i) => ({
  profile,
  signals: { commonPartners: i % 3, adamicAdar: (i % 3) * 0.7, commonPartnerIds: [] },
}));
const snapshot = {
  communities: new Map(partners.filter((_, i) => i % 4 !== 0).map((p, i) => [p.id, `c${i % 5}`])),
  exposure: new Map(partners.map((p, i) => [p.id, 0.5 + (i % 11) / 10])),
};
const asOf = '2024-12-31';
const seekers = partners.slice(0, 12);

function job(seeker: PartnerProfile, balanced: boolean, k = 20): RankJob {
  return { seeker, candidates, options: { weights: DEFAULT_WEIGHTS, asOf, k }, balanced };
}

/** What the service computed before the steps: `rankCandidates` in the snapshot's communities. */
function direct(seeker: PartnerProfile, balanced: boolean, k = 20) {
  return rankCandidates(
    withCommunity(seeker, snapshot.communities),
    inCommunities(candidates, snapshot.communities),
    { weights: DEFAULT_WEIGHTS, asOf, k, ...(balanced ? { exposure: snapshot.exposure } : {}) },
  );
}

describe('ranking steps', () => {
  it('should give the lists of rankCandidates, balanced or not, run at once or in slices', async () => {
    const slicer = new TimeSlicer(1);
    for (const seeker of seekers) {
      for (const balanced of [true, false]) {
        const expected = direct(seeker, balanced);
        expect(expected.length).toBeGreaterThan(0);
        expect(runToEnd(rankSteps(job(seeker, balanced), snapshot))).toEqual(expected);
        expect(await slicer.run(rankSteps(job(seeker, balanced), snapshot))).toEqual(expected);
      }
    }
  });

  it('should score in chunks of SCORE_CHUNK candidates, in input order', () => {
    const steps = scoreSteps(job(seekers[0] as PartnerProfile, false), snapshot);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields += 1;
    expect(yields).toBe(Math.ceil(candidates.length / SCORE_CHUNK));
    const seeker = withCommunity(seekers[0] as PartnerProfile, snapshot.communities);
    expect(next.value).toEqual(
      scoreEligible(seeker, inCommunities(candidates, snapshot.communities), {
        weights: DEFAULT_WEIGHTS,
        asOf,
      }),
    );
  });

  it('should map each list to the suggestions the service gave before', () => {
    const labels = new Map([['dimension:age', { de: 'Lebensalter', en: 'Age' }]]);
    const jobs = seekers.slice(0, 3).map((seeker) => job(seeker, true, 5));
    const lists = runToEnd(suggestionSteps(jobs, { snapshot, labels, language: 'de' }));
    expect(lists).toEqual(
      seekers.slice(0, 3).map((seeker) => {
        const profile = withCommunity(seeker, snapshot.communities);
        return direct(seeker, true, 5).map((r) =>
          toSuggestion({ profile }, r, labelsFrom(labels), 'de'),
        );
      }),
    );
  });
});

describe('TimeSlicer', () => {
  /** Steps that each record their task's name and take about `ms`. */
  function* busy(name: string, steps: number, ms: number, log: string[]) {
    for (let i = 0; i < steps; i += 1) {
      const until = performance.now() + ms;
      while (performance.now() < until);
      log.push(name);
      yield;
    }
    return name;
  }

  it('should let timers and I/O run between slices, not only after the work', async () => {
    const log: string[] = [];
    const slicer = new TimeSlicer(2);
    // The timer is set once the work runs: set before, it may fire before the first slice on a
    // busy machine, which would prove nothing about slicing.
    let timer: Promise<void> | undefined;
    function* work() {
      timer = new Promise<void>((resolve) =>
        setTimeout(() => {
          log.push('timer');
          resolve();
        }, 1),
      );
      return yield* busy('work', 60, 1, log);
    }
    await slicer.run(work());
    await timer;
    const at = log.indexOf('timer');
    // The timer fired after a slice or two, long before the 60 steps were done.
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(30);
  });

  it('should take steps of all tasks in turn', async () => {
    const log: string[] = [];
    const slicer = new TimeSlicer(50);
    const results = await Promise.all([
      slicer.run(busy('a', 3, 0, log)),
      slicer.run(busy('b', 3, 0, log)),
    ]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
  });

  it('should reject only the task whose step throws', async () => {
    const slicer = new TimeSlicer();
    function* failing(): Generator<void, string, void> {
      yield;
      throw new RangeError('expected k to be a non-negative integer, got -1');
    }
    const [failed, done] = await Promise.allSettled([
      slicer.run(failing()),
      slicer.run(busy('ok', 3, 0, [])),
    ]);
    expect(failed).toMatchObject({ status: 'rejected', reason: expect.any(RangeError) });
    expect(done).toEqual({ status: 'fulfilled', value: 'ok' });
  });
});
