import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { App } from '../../src/app';
import { partnerAuth } from '../support/tokens';
import { postGraphQL, startTestApp } from '../support/test-app';

/**
 * The heavy authenticated suggestion query of issue 18 (hole 1): 100 partners with 50 suggestions
 * each, as a PARTNER, whose cost limit lets it through. Only the scores are selected, so that the
 * answer is small and what is measured is the ranking (reasons are computed all the same), not
 * the GraphQL completion and JSON of a 3 MB answer.
 */
const HEAVY = `{ partners(first: 100) { edges { node { id suggestions(first: 50) { score } } } } }`;

/**
 * The longest event-loop block allowed while the heavy query runs, as a share of the query's own
 * time: ranking in one stretch made it 47 % (best of three runs at load 7.4), the worker 3.1 %.
 * A share, not milliseconds, because CPU contention on a loaded CI machine stretches both alike;
 * the best of three runs, so that one unlucky pause of the test process does not decide.
 */
const BLOCK_SHARE_BOUND = 0.15;

interface HeavyPage {
  partners: { edges: { node: { id: string; suggestions: { score: number }[] } }[] };
}

/**
 * Runs `work` with the event loop's delays recorded (`monitorEventLoopDelay`, 1 ms): its longest
 * block in ms, and how long `work` took. The app runs in this process, so its blocks are these.
 */
async function measured<T>(work: () => Promise<T>) {
  const delays = monitorEventLoopDelay({ resolution: 1 });
  delays.enable();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  delays.disable();
  return { value, ms, blockMs: delays.max / 1e6 };
}

describe('ranking and the event loop', () => {
  let app: App;
  let auth: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    const [partnerId] = await app.database.executor.read(
      { cypher: "MATCH (p:Partner {status: 'ACTIVE'}) RETURN p.id AS id ORDER BY id LIMIT 1" },
      (r) => r.get('id') as string,
    );
    auth = await partnerAuth(partnerId as string);
    // The first query computes the ranking context and fills the caches; not what is measured.
    await postGraphQL(app, HEAVY, {}, auth);
  }, 120_000);

  afterAll(async () => {
    await app.stop();
  });

  it('should keep the event loop free while a partner ranks 100 lists of 50', async () => {
    const shares: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const { value, ms, blockMs } = await measured(() =>
        postGraphQL<HeavyPage>(app, HEAVY, {}, auth),
      );
      expect(value.body.errors).toBeUndefined();
      const lists = value.body.data?.partners.edges.map((e) => e.node.suggestions.length) ?? [];
      expect(lists).toHaveLength(100);
      expect(lists.filter((n) => n === 50).length).toBeGreaterThan(50);
      shares.push(blockMs / ms);
    }
    expect(Math.min(...shares)).toBeLessThan(BLOCK_SHARE_BOUND);
  }, 120_000);
});
