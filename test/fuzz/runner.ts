import type { CypherExecutor } from '../../src/db/executor';
import { computeGraphDigest } from '../../src/ops/graph-digest';
import {
  findViolations,
  isRefusedMutation,
  type ObservedResponse,
  outcomeName,
  outcomeOf,
  wsEndViolations,
} from './checks';
import type { AuthKind, FuzzOperation, Transport } from './operations';
import { WsTransport } from './ws-transport';
import { observeHttp } from './api-client';

/** A running API the fuzzer talks to, and the database behind it (for the digest). */
export interface FuzzTarget {
  /** `http://host:port/graphql`; graphql-ws is served on the same path (`ws://`). */
  url: string;
  /** Reads the graph behind the API, for the digest. */
  executor: CypherExecutor;
  /** Whether the API process still runs. */
  alive(): boolean;
}

/** Counts of a fuzz run, printed at the end. */
export interface FuzzStats {
  operations: number;
  byOutcome: Record<string, number>;
  byShape: Record<string, number>;
  byAuth: Record<string, number>;
  /** Per transport, operations by the kind of their outcome (`accepted`, `ws-close`, …). */
  byTransport: Record<Transport, Record<string, number>>;
  /** Graph digests computed. */
  digests: number;
  /** Accepted mutations after which the digest differed (legitimate changes). */
  graphChanges: number;
  /** Refused mutations covered by a digest comparison. */
  refusedMutationsChecked: number;
  /** Refused mutations no comparison could cover (an unexpected acceptance ended their window). */
  refusedMutationsUnchecked: number;
}

/** One operation's violations, split by what can be blamed on it alone. */
export interface RunViolations {
  /** Broken by this operation's response (or the server's health after it). */
  response: string[];
  /** The graph changed during a window of refused operations and queries ending here. */
  graph: string[];
}

/** No answer within this time counts as a hang. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Most operations between two digest checkpoints, so that a change is pinned to a few. */
const MAX_WINDOW = 20;

/** Identities that can get a mutation accepted; the others are refused before it runs. */
const WRITING_AUTH = new Set<AuthKind>(['none', 'coordinator', 'partner0', 'partner1']);

/**
 * Sends fuzz operations one at a time and checks each response (status, stack traces,
 * internals) and that the server still answers `/healthz`.
 *
 * The graph digest proves that refused operations change nothing. Operations run in windows
 * between digest checkpoints: a checkpoint comes before every mutation that could be accepted
 * (valid identity, schema-shaped) and after at most 20 operations; after an accepted mutation the
 * digest is taken again as the new baseline. A window holds only refused operations and queries,
 * so its digest must not move: that covers every refused mutation (and every query) in it, at one
 * digest per window instead of two per mutation. Operations over graphql-ws take part in the
 * windows exactly as HTTP ones: a WebSocket mutation is judged refused or accepted from its
 * result the same way, and a closed socket counts as refused.
 */
export class FuzzRunner {
  readonly stats: FuzzStats = {
    operations: 0,
    byOutcome: {},
    byShape: {},
    byAuth: {},
    byTransport: { http: {}, ws: {} },
    digests: 0,
    graphChanges: 0,
    refusedMutationsChecked: 0,
    refusedMutationsUnchecked: 0,
  };
  /** The digest at the last checkpoint, and the operations since. */
  private known: string | undefined;
  private window: string[] = [];
  private refusedInWindow = 0;
  private readonly ws: WsTransport;

  constructor(
    private readonly target: FuzzTarget,
    private readonly headers: Record<AuthKind, Record<string, string>>,
  ) {
    this.ws = new WsTransport(
      target.url.replace(/^http/, 'ws'),
      (auth) => headers[auth].authorization,
    );
  }

  /** Runs one operation and returns what it broke (empty lists when it behaved). */
  async run(op: FuzzOperation): Promise<RunViolations> {
    const violations: RunViolations = { response: [], graph: [] };
    const mayWrite =
      op.kind === 'mutation' && op.shape.startsWith('schema:') && WRITING_AUTH.has(op.auth);
    if (mayWrite || this.window.length >= MAX_WINDOW) await this.checkpoint(violations.graph);
    const response = await this.send(op);
    this.count(op, response);
    if (response) violations.response.push(...findViolations(response, op.texts));
    else violations.response.push(`no answer within ${REQUEST_TIMEOUT_MS} ms`);
    if (op.kind === 'mutation' && response && !isRefusedMutation(response)) {
      await this.afterAccepted();
    } else {
      this.window.push(`${op.shape}/${op.auth}/${op.transport}: ${op.payload.slice(0, 160)}`);
      if (op.kind === 'mutation') this.refusedInWindow += 1;
    }
    if (!(await this.healthy())) violations.response.push('the server stopped answering /healthz');
    // An idle socket closed since the last operation: reported here, the first chance to.
    for (const end of this.ws.takeIdleCloses()) {
      violations.response.push(...wsEndViolations(end).map((v) => `between operations, ${v}`));
    }
    return violations;
  }

  /** The last checkpoint: the operations since the previous one left the graph as it was. */
  async finish(): Promise<string[]> {
    const violations: string[] = [];
    await this.checkpoint(violations);
    return violations;
  }

  /**
   * Runs work that changes the graph on purpose between two operations (the lifecycle model, the
   * races): the window before it is checked first, and the digest after it is the new baseline.
   *
   * @returns the work's result and the violations of the window that ended before it
   */
  async interlude<T>(work: () => Promise<T>): Promise<{ result: T; graph: string[] }> {
    const graph: string[] = [];
    await this.checkpoint(graph);
    const result = await work();
    this.known = await this.digest();
    return { result, graph };
  }

  /** Closes the graphql-ws clients; the runner can open new ones if it runs again. */
  async dispose(): Promise<void> {
    await this.ws.dispose();
  }

  private async checkpoint(violations: string[]): Promise<void> {
    if (this.known !== undefined && this.window.length === 0) return;
    const now = await this.digest();
    if (this.known !== undefined && now !== this.known) {
      violations.push(
        `the graph digest changed during ${this.window.length} refused operations and queries:\n    ${this.window.join('\n    ')}`,
      );
    } else {
      this.stats.refusedMutationsChecked += this.refusedInWindow;
    }
    this.known = now;
    this.window = [];
    this.refusedInWindow = 0;
  }

  /** An accepted mutation may change the graph: it ends the window and sets a new baseline. */
  private async afterAccepted(): Promise<void> {
    // Normally empty: a checkpoint ran just before. Else the acceptance was not foreseen and the
    // refused operations before it cannot be told apart from it.
    this.stats.refusedMutationsUnchecked += this.refusedInWindow;
    const after = await this.digest();
    if (after !== this.known) this.stats.graphChanges += 1;
    this.known = after;
    this.window = [];
    this.refusedInWindow = 0;
  }

  private async digest(): Promise<string> {
    this.stats.digests += 1;
    return (await computeGraphDigest(this.target.executor)).digest;
  }

  private async send(op: FuzzOperation): Promise<ObservedResponse | undefined> {
    switch (op.transport) {
      case 'http':
        return this.sendHttp(op);
      case 'ws':
        return this.ws.send(op, REQUEST_TIMEOUT_MS);
    }
  }

  private async sendHttp(op: FuzzOperation): Promise<ObservedResponse | undefined> {
    const url = op.method === 'GET' ? `${this.target.url}?${op.payload}` : this.target.url;
    return observeHttp(
      url,
      {
        method: op.method,
        headers: {
          'content-type': op.contentType,
          accept: 'application/graphql-response+json, application/json',
          ...this.headers[op.auth],
        },
        body: op.method === 'POST' ? op.payload : undefined,
      },
      REQUEST_TIMEOUT_MS,
    );
  }

  private async healthy(): Promise<boolean> {
    if (!this.target.alive()) return false;
    try {
      const health = new URL('/healthz', this.target.url);
      const response = await fetch(health, { signal: AbortSignal.timeout(5_000) });
      return response.status === 200;
    } catch {
      return false;
    }
  }

  private count(op: FuzzOperation, response: ObservedResponse | undefined) {
    const bump = (counts: Record<string, number>, key: string) => {
      counts[key] = (counts[key] ?? 0) + 1;
    };
    const outcome = response ? outcomeOf(response) : undefined;
    this.stats.operations += 1;
    bump(this.stats.byOutcome, outcome ? outcomeName(outcome) : 'no-answer');
    bump(this.stats.byShape, op.shape);
    bump(this.stats.byAuth, op.auth);
    bump(this.stats.byTransport[op.transport], outcome?.kind ?? 'no-answer');
  }
}
