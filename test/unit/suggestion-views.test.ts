import pino from 'pino';
import { SuggestionViews } from '../../src/outcomes/suggestion-views';

describe('SuggestionViews', () => {
  const logger = pino({ level: 'silent' });

  function counter(today: { day: string }, fail = { times: 0 }) {
    const written: [string, number][] = [];
    const views = new SuggestionViews({
      logger,
      today: () => today.day,
      flushMs: 60_000,
      count: async (day, count) => {
        if (fail.times > 0) {
          fail.times -= 1;
          throw new Error('database away');
        }
        written.push([day, count]);
      },
    });
    return { views, written };
  }

  it('should count each partner at most once a day, naming nobody', async () => {
    const today = { day: '2024-05-01' };
    const { views, written } = counter(today);
    views.viewed('p-1');
    views.viewed('p-1');
    views.viewed('p-2');
    await views.flush();
    views.viewed('p-1');
    await views.flush();
    expect(written).toEqual([['2024-05-01', 2]]);
  });

  it('should count a partner again on the next day, each day on its own counter', async () => {
    const today = { day: '2024-05-01' };
    const { views, written } = counter(today);
    views.viewed('p-1');
    today.day = '2024-05-02';
    views.viewed('p-1');
    views.viewed('p-1');
    await views.flush();
    expect(written).toEqual([
      ['2024-05-01', 1],
      ['2024-05-02', 1],
    ]);
  });

  it('should keep counts whose write failed for the next flush', async () => {
    const today = { day: '2024-05-01' };
    const { views, written } = counter(today, { times: 1 });
    views.viewed('p-1');
    await views.flush();
    expect(written).toEqual([]);
    views.viewed('p-2');
    await views.flush();
    expect(written).toEqual([['2024-05-01', 2]]);
  });
});
