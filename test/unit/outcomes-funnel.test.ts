import type { GraphQLError } from 'graphql';
import {
  assembleFunnel,
  assertFunnelPeriod,
  FunnelStage,
  monthsOf,
} from '../../src/outcomes/funnel';
import {
  assertOneSubject,
  MAX_OUTCOME_NOTE,
  noteProblem,
  type RecordOutcomeInput,
} from '../../src/outcomes/outcome.inputs';
import { OutcomeKind } from '../../src/outcomes/outcome.types';

/** The error a function throws (fails the test when it throws none). */
function thrown(fn: () => void): GraphQLError {
  try {
    fn();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected an error');
}

describe('assertFunnelPeriod', () => {
  it.each([
    ['2024-01-01', '2024-01-01'],
    ['2024-01-01', '2028-12-31'],
    ['2024-02-29', '2029-02-28'],
  ])('should accept %s – %s', (from, to) => {
    expect(() => assertFunnelPeriod(from, to)).not.toThrow();
  });

  it('should refuse a period ending before it starts, naming the argument to', () => {
    const error = thrown(() => assertFunnelPeriod('2024-05-02', '2024-05-01'));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'to',
      fields: [{ path: 'to' }],
    });
    expect(error.message).toBe('expected to on or after from (2024-05-02), got 2024-05-01');
  });

  it('should refuse a period of more than five years', () => {
    const error = thrown(() => assertFunnelPeriod('2020-01-01', '2025-01-02'));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(error.message).toMatch(/at most 5 years \(to on or before 2025-01-01\)/);
  });
});

describe('monthsOf', () => {
  it('should list every month of the period, across a year, oldest first', () => {
    expect(monthsOf('2023-11-15', '2024-02-01')).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
  });

  it('should give one month for a period within it', () => {
    expect(monthsOf('2024-03-01', '2024-03-31')).toEqual(['2024-03']);
  });

  it('should give 61 months for the longest period', () => {
    expect(monthsOf('2020-01-01', '2025-01-01')).toHaveLength(61);
  });
});

describe('assembleFunnel', () => {
  const row = (stage: FunnelStage, month: string, count: number, kind: string | null = null) => ({
    stage,
    kind,
    month,
    count,
  });

  it('should put each row into its month and the total, with zeros for the rest', () => {
    const { months, total } = assembleFunnel(
      ['2024-01', '2024-02'],
      [
        row(FunnelStage.SUGGESTIONS_VIEWED, '2024-01', 5),
        row(FunnelStage.CONTACT_REQUESTED, '2024-01', 2),
        row(FunnelStage.CONTACT_ACCEPTED, '2024-02', 1),
        row(FunnelStage.PROPOSED, '2024-02', 1),
        row(FunnelStage.CONFIRMED, '2024-02', 1),
        row(FunnelStage.OUTCOME, '2024-02', 3, OutcomeKind.MET),
        row(FunnelStage.MATCHES, '2024-02', 4),
      ],
      false,
    );
    expect(months.map((m) => m.month)).toEqual(['2024-01', '2024-02']);
    expect(months[0]).toMatchObject({ suggestionsViewed: 5, contactRequested: 2, proposed: 0 });
    expect(months[1]).toMatchObject({ contactAccepted: 1, proposed: 1, confirmed: 1, ended: 0 });
    expect(total).toMatchObject({
      suggestionsViewed: 5,
      matches: null,
      contactRequested: 2,
      contactAccepted: 1,
      proposed: 1,
      confirmed: 1,
      ended: 0,
    });
    expect(total.outcomes).toEqual([
      { outcome: 'MET', count: 3 },
      { outcome: 'COOPERATION_PLANNED', count: 0 },
      { outcome: 'NOT_A_FIT', count: 0 },
      { outcome: 'NO_RESPONSE', count: 0 },
    ]);
  });

  it('should count matches, not views, for a Börse', () => {
    const { total } = assembleFunnel(
      ['2024-01'],
      [row(FunnelStage.MATCHES, '2024-01', 2), row(FunnelStage.SUGGESTIONS_VIEWED, '2024-01', 9)],
      true,
    );
    expect(total).toMatchObject({ matches: 2, suggestionsViewed: null });
  });

  it('should ignore rows outside the months', () => {
    const { total } = assembleFunnel(['2024-01'], [row(FunnelStage.PROPOSED, '2023-12', 2)], false);
    expect(total.proposed).toBe(0);
  });
});

describe('recordOutcome input', () => {
  it.each([
    ['a plain note', null],
    ['x'.repeat(MAX_OUTCOME_NOTE), null],
    ['🙂'.repeat(MAX_OUTCOME_NOTE), null],
    ['x'.repeat(MAX_OUTCOME_NOTE + 1), `a text of at most ${MAX_OUTCOME_NOTE} characters`],
    ['two\nlines', 'a text without control characters'],
    ['bell\u0007', 'a text without control characters'],
    ['c1\u0085', 'a text without control characters'],
  ])('should judge the note %j', (note, problem) => {
    expect(noteProblem(note)).toBe(problem);
  });

  const input = (change: Partial<RecordOutcomeInput>) =>
    ({ outcome: OutcomeKind.MET, ...change }) as RecordOutcomeInput;

  it.each([
    ['none', {}],
    ['both', { aboutPartnerId: 'p-1', matchId: 'm-1' }],
  ])('should refuse %s of aboutPartnerId and matchId with both paths', (got, change) => {
    const error = thrown(() => assertOneSubject(input(change)));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.aboutPartnerId' }, { path: 'input.matchId' }],
    });
    expect(error.message).toContain(`got ${got}`);
  });

  it.each([{ aboutPartnerId: 'p-1' }, { matchId: 'm-1' }])('should accept %j', (change) => {
    expect(() => assertOneSubject(input(change))).not.toThrow();
  });
});
