import type { App } from '../../src/app';
import { partnerAuth } from '../support/tokens';
import { postGraphQL, startTestApp } from '../support/test-app';

/**
 * The heavy authenticated suggestion query of issue 18 (hole 1): 100 partners with 50 suggestions
 * each, as a PARTNER, whose cost limit lets it through. Ranking them took ~0.5 s of CPU in one
 * stretch on the event loop (measured on the 2-core machine: `/healthz` beside it waited 450–800
 * ms quiet, seconds under load); now it must not hold up anyone else's request.
 */
const HEAVY = `{ partners(first: 100) { edges { node { id
  suggestions(first: 50) { score partner { id name } reasons { code text } } } } } }`;

/**
 * The longest `/healthz` answer allowed while the heavy query runs. Generous for a loaded 2-core
 * CI machine, yet well below the old code's block (450 ms and more, docs/performance.md).
 */
const HEALTHZ_BOUND_MS = 200;

interface HeavyPage {
  partners: { edges: { node: { id: string; suggestions: { score: number }[] } }[] };
}

/** Asks `/healthz` every 10 ms until `done` settles; the answer times in ms. */
async function probeHealthz(app: App, done: Promise<unknown>): Promise<number[]> {
  const url = new URL('/healthz', app.server.url);
  const times: number[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const started = performance.now();
    await (await fetch(url)).arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return times;
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

  it('should answer /healthz within the bound while a partner ranks 100 lists of 50', async () => {
    for (let run = 0; run < 2; run += 1) {
      const heavy = postGraphQL<HeavyPage>(app, HEAVY, {}, auth);
      const times = await probeHealthz(app, heavy);
      const { body } = await heavy;
      expect(body.errors).toBeUndefined();
      const lists = body.data?.partners.edges.map((e) => e.node.suggestions.length) ?? [];
      expect(lists).toHaveLength(100);
      expect(lists.filter((n) => n === 50).length).toBeGreaterThan(50);
      // Several probes ran during the query: it did not finish before the first answer.
      expect(times.length).toBeGreaterThan(3);
      expect(Math.max(...times)).toBeLessThan(HEALTHZ_BOUND_MS);
    }
  }, 120_000);
});
