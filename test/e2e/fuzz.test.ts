import { findViolations, outcomeName, outcomeOf } from '../fuzz/checks';
import { runFuzz } from '../fuzz/fuzz';
import { type FuzzEnvironment, startFuzzEnvironment } from '../fuzz/target';

/** The fixed seed of the small run inside `npm test`; `npm run fuzz` runs 10,000 with any seed. */
const SEED = 20_230_612;
const RUNS = 300;
/** Lifecycle steps and idempotency races among the operations (`npm run fuzz` makes more). */
const LIFECYCLE_STEPS = 30;
const RACES = 6;

const json = (body: unknown, status = 200) => ({
  status,
  contentType: 'application/json; charset=utf-8',
  text: JSON.stringify(body),
});

describe('the fuzzer checks', () => {
  it('should flag a 5xx, a stack trace, Cypher and an unexpected error', () => {
    const leaky = json(
      {
        errors: [
          {
            message:
              "Invalid input 'x': expected MATCH (p:Partner {id: $id}) (line 1, column 3 (offset: 2))",
            extensions: {
              code: 'INTERNAL_SERVER_ERROR',
              stack: 'at run (/app/dist/src/db/executor.js:80:11)',
            },
          },
        ],
      },
      500,
    );
    const problems = findViolations(leaky, ['{ partner(id: "x") { id } }']).join('\n');
    expect(problems).toMatch(/HTTP 500/);
    expect(problems).toMatch(/stack trace/);
    expect(problems).toMatch(/internals in an error: .*Invalid input/);
    expect(problems).toMatch(/INTERNAL_SERVER_ERROR/);
  });

  it('should not count a quote of the hostile input as a leak', () => {
    const hostile = '}) MATCH (n) DETACH DELETE n //';
    const refusal = json({
      data: null,
      errors: [
        {
          message: `expected a dimension key, got "${hostile}"`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(findViolations(refusal, [hostile])).toEqual([]);
    const templated = json({
      errors: [
        {
          message: `expected an exchange with id ${hostile}, got none; ${hostile.slice(0, 12)}…`,
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
    expect(findViolations(templated, [hostile])).toEqual([]);
    expect(findViolations(templated, ['something else']).join()).toMatch(/DETACH DELETE/);
    expect(outcomeName(outcomeOf(refusal))).toBe('refused:BAD_USER_INPUT');
  });

  it('should flag an error without a code and a body that is not JSON with internals', () => {
    expect(findViolations(json({ errors: [{ message: 'x' }] }), [])).toEqual([
      'an error without extensions.code: x',
    ]);
    const html = {
      status: 400,
      contentType: 'text/html',
      text: 'SyntaxError: Unexpected token\n    at JSON.parse (<anonymous>)\n    at parse (/srv/node_modules/body-parser/lib/types/json.js:92:19)',
    };
    expect(findViolations(html, []).join('\n')).toMatch(/stack trace.*node_modules|internals/s);
  });
});

describe('hostile input against a running API', () => {
  let environment: FuzzEnvironment | undefined;

  beforeAll(async () => {
    environment = await startFuzzEnvironment();
  }, 300_000);

  afterAll(async () => {
    await environment?.stop();
  });

  it(`should keep every rule for ${RUNS} generated operations, ${LIFECYCLE_STEPS} lifecycle steps and ${RACES} races (seed ${SEED})`, async () => {
    const result = await runFuzz(environment as FuzzEnvironment, {
      runs: RUNS,
      seed: SEED,
      lifecycleSteps: LIFECYCLE_STEPS,
      races: RACES,
    });
    // On failure the lists name each broken rule and the operation that broke it.
    expect(
      result.failures.map(
        (f) =>
          `#${f.index} ${f.violations.join('; ')} ← ${f.operation.transport} ${f.operation.payload.slice(0, 240)}`,
      ),
    ).toEqual([]);
    expect(result.graphChanges).toEqual([]);
    expect(result.stats.operations).toBe(RUNS);
    // The run must really have tried both sides — operations accepted, mutations refused and
    // covered by a digest comparison, the graph changed by accepted ones — else it proved little.
    expect(result.stats.byOutcome.accepted ?? 0).toBeGreaterThan(RUNS / 20);
    expect(result.stats.refusedMutationsChecked).toBeGreaterThan(RUNS / 10);
    expect(result.stats.refusedMutationsUnchecked).toBe(0);
    expect(result.stats.graphChanges).toBeGreaterThan(0);
    // Over graphql-ws as well: a share of the documents, and not all of them refused or closed.
    const overWs = Object.values(result.stats.byTransport.ws).reduce((sum, n) => sum + n, 0);
    expect(overWs).toBeGreaterThan(RUNS / 10);
    expect(result.stats.byTransport.ws.accepted ?? 0).toBeGreaterThan(RUNS / 100);
    // The lifecycle model and the races ran in full and every answer matched the model.
    expect(
      result.modelFailures.map(
        (f) => `${f.part} #${f.index} ${f.step}: ${f.violations.join('; ')}`,
      ),
    ).toEqual([]);
    expect(result.lifecycle.steps).toBe(LIFECYCLE_STEPS);
    expect(result.races.races).toBe(RACES);
    expect(result.races.requests).toBeGreaterThanOrEqual(RACES * 3);
    // Held tokens were probed with every verdict of the actor rule, over both transports.
    expect(result.lifecycle.probes).toBeGreaterThan(LIFECYCLE_STEPS);
    for (const expectation of ['accepted', 'forbidden', 'unauthenticated']) {
      expect(result.lifecycle.byExpectation[expectation] ?? 0).toBeGreaterThan(0);
    }
    expect(result.lifecycle.overWs).toBeGreaterThan(0);
  }, 900_000);
});
