import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import { type GraphQLResponse, postGraphQL, wsClient, wsExecute } from './test-app';

/** Request headers of one caller (`{}` for the public, a bearer header otherwise). */
export type MatrixHeaders = Record<string, string>;

/** The variables of one GraphQL operation. */
export type MatrixVariables = Record<string, unknown>;

/** The `extensions.code` with which an operation refuses a caller. */
export type MatrixRefusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * What one actor gets from one operation: `allowed` (an answer without errors) or the code of
 * the refusal (with `data` null).
 */
export type MatrixOutcome = 'allowed' | MatrixRefusal;

/**
 * How an actor authenticates. A function gives the same headers for every case: over
 * graphql-ws the actor then gets one client for the whole matrix. `perCase` derives the headers
 * from the case's prepared target (say, the partner the case has just created), so over
 * graphql-ws that actor gets a client of its own for each case, disposed right after it.
 */
export type MatrixActor<T> =
  (() => Promise<MatrixHeaders>) | { perCase: (target: T) => Promise<MatrixHeaders> };

interface MatrixOperationBase<A extends string, T> {
  /** The operation as the test names read it, e.g. `recordOutcome (match)`. */
  name: string;
  /** The GraphQL document. */
  query: string;
  /** The expected outcome for every actor. */
  outcomes: Record<A, MatrixOutcome>;
  /**
   * Makes the case's fresh target and returns it; called once per case (per actor and per
   * transport), before the call.
   */
  prepare: () => T | Promise<T>;
}

/**
 * One row of the matrix. When `prepare` returns the variables themselves (a plain record),
 * `variables` may be left out; otherwise it maps the prepared target to the variables.
 */
export type MatrixOperation<A extends string, T = MatrixVariables> = MatrixOperationBase<A, T> &
  (T extends MatrixVariables
    ? { variables?: (target: T) => MatrixVariables }
    : { variables: (target: T) => MatrixVariables });

/** One case of the matrix as the checks see it. */
export interface MatrixCase<A extends string, T> {
  /** The operation of the case. */
  operation: MatrixOperation<A, T>;
  /** The calling actor. */
  actor: A;
  /** What `operation.prepare` returned for this case. */
  target: T;
  /** The transport the case ran over. */
  transport: 'HTTP' | 'graphql-ws';
}

/** The options of {@link describeRoleMatrix}. */
export interface RoleMatrixOptions<A extends string, T = MatrixVariables> {
  /** The app under test; a function because suites start it in `beforeAll`. */
  app: () => App;
  /** Every actor with its authentication, in the order the cases should run. */
  actors: Record<A, MatrixActor<T>>;
  /** The rows: every operation with its outcome per actor. */
  operations: MatrixOperation<A, T>[];
  /**
   * The suite's own checks of an allowed answer, after the helper has asserted that it has no
   * errors (record what the case created for `afterAll`, compare result sizes per actor, …).
   */
  expectAllowed?: (body: GraphQLResponse, matrixCase: MatrixCase<A, T>) => void | Promise<void>;
  /**
   * The suite's own checks after a refusal, once the helper has asserted its code and that
   * `data` is null (for instance that the target did not change).
   */
  expectRefused?: (body: GraphQLResponse, matrixCase: MatrixCase<A, T>) => void | Promise<void>;
}

/**
 * Writes the role × operation matrix into the enclosing `describe`: for every operation and
 * every actor one case over real HTTP, named "over HTTP: <operation> as <actor> → <outcome>",
 * and the same cases in a nested `describe('over graphql-ws')` over real graphql-ws clients,
 * named "<operation> as <actor> → <outcome>". Each case first calls the operation's `prepare`,
 * so targets stay fresh per case. A refused case asserts the refusal's `extensions.code` on the
 * first error and that `data` is null; an allowed case asserts that there are no errors, then
 * runs `expectAllowed`.
 *
 * Over graphql-ws each actor with fixed headers gets one lazy client, opened in `beforeAll`
 * and disposed in `afterAll`; a `perCase` actor gets one client per case.
 */
export function describeRoleMatrix<A extends string, T = MatrixVariables>(
  options: RoleMatrixOptions<A, T>,
): void {
  const actors = Object.keys(options.actors) as A[];
  const cases = options.operations.flatMap((operation) =>
    actors.map((actor) => [operation.name, actor, operation.outcomes[actor], operation] as const),
  );

  const variablesOf = (operation: MatrixOperation<A, T>, target: T): MatrixVariables =>
    operation.variables ? operation.variables(target) : (target as MatrixVariables);

  async function expectOutcome(
    body: GraphQLResponse,
    outcome: MatrixOutcome,
    matrixCase: MatrixCase<A, T>,
  ): Promise<void> {
    if (outcome !== 'allowed') {
      expect(body.errors?.[0]?.extensions?.code).toBe(outcome);
      expect(body.data ?? null).toBeNull();
      await options.expectRefused?.(body, matrixCase);
      return;
    }
    expect(body.errors).toBeUndefined();
    await options.expectAllowed?.(body, matrixCase);
  }

  it.each(cases)('over HTTP: %s as %s → %s', async (_name, actor, outcome, operation) => {
    const target = await operation.prepare();
    const auth = options.actors[actor];
    const headers = typeof auth === 'function' ? await auth() : await auth.perCase(target);
    const variables = variablesOf(operation, target);
    const { body } = await postGraphQL(options.app(), operation.query, variables, headers);
    await expectOutcome(body, outcome, { operation, actor, target, transport: 'HTTP' });
  });

  describe('over graphql-ws', () => {
    const clients = new Map<A, Client>();

    beforeAll(async () => {
      for (const actor of actors) {
        const auth = options.actors[actor];
        if (typeof auth === 'function') clients.set(actor, wsClient(options.app(), await auth()));
      }
    });

    afterAll(async () => {
      for (const client of clients.values()) await client.dispose();
    });

    it.each(cases)('%s as %s → %s', async (_name, actor, outcome, operation) => {
      const target = await operation.prepare();
      const auth = options.actors[actor];
      const client =
        typeof auth === 'function'
          ? (clients.get(actor) as Client)
          : wsClient(options.app(), await auth.perCase(target));
      try {
        const body = await wsExecute(client, operation.query, variablesOf(operation, target));
        await expectOutcome(body, outcome, { operation, actor, target, transport: 'graphql-ws' });
      } finally {
        if (typeof auth !== 'function') await client.dispose();
      }
    });
  });
}
