import http from 'node:http';
import { percentile } from './support';

/** One request of an operation, and what to do with its answer. */
export interface LoadRequest {
  /** The JSON body to POST. */
  body: string;
  /** Sees the response body (e.g. to keep a version for the next write). */
  done?(text: string): void;
}

/** One kind of request in a load mix. */
export interface LoadOperation {
  name: string;
  kind: 'read' | 'write';
  /**
   * Requests per second arriving at random (Poisson) times, whether or not earlier ones have
   * been answered: the open model of many independent users. Unset: a closed loop of `loops`
   * clients that send again as soon as they have an answer.
   */
  rate?: number;
  /** Closed loop only: clients sending at once. */
  loops?: number;
  request(): LoadRequest;
}

/** What one operation saw during a run. */
export interface OperationResult {
  operation: LoadOperation;
  /** Answered requests. */
  answered: number;
  /** Milliseconds from the moment a request was due (open model) or sent (closed loop) to its answer. */
  latenciesMs: number[];
  non2xx: number;
  graphqlErrors: number;
  transportErrors: number;
  timeouts: number;
  firstError?: string;
}

/** How a run is sent. */
export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  seconds: number;
  /** Keep-alive connections shared by all operations; requests beyond them wait for one. */
  connections: number;
  /** Seeds the arrival times, so runs offer the same load. */
  seed: number;
  timeoutMs?: number;
}

/**
 * Sends a mix of operations for `seconds` over one pool of keep-alive connections and waits
 * for the last answers.
 *
 * Written for this project instead of autocannon's rate limit, which sends each connection's
 * requests of a second back to back at the start of the second: all connections at once, a
 * burst that measured its own queue. Here arrivals are spread as independent users spread them,
 * and latency counts from the time a request was due, so time spent waiting for a free
 * connection is included (no coordinated omission).
 */
export async function generateLoad(
  operations: readonly LoadOperation[],
  options: LoadOptions,
): Promise<OperationResult[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const endAt = performance.now() + options.seconds * 1000;
  try {
    return await Promise.all(
      operations.map((operation, index) => {
        const result = emptyResult(operation);
        const send = (dueAt: number) => sendOne(agent, options, operation, result, dueAt);
        const sender =
          operation.rate === undefined
            ? closedLoop(operation.loops ?? 1, endAt, send)
            : openArrivals(operation.rate, endAt, random(options.seed + index), send);
        return sender.then(() => result);
      }),
    );
  } finally {
    agent.destroy();
  }
}

function emptyResult(operation: LoadOperation): OperationResult {
  return {
    operation,
    answered: 0,
    latenciesMs: [],
    non2xx: 0,
    graphqlErrors: 0,
    transportErrors: 0,
    timeouts: 0,
  };
}

/** Poisson arrivals: exponential gaps with mean 1/rate; resolves when every request is answered. */
async function openArrivals(
  rate: number,
  endAt: number,
  next: () => number,
  send: (dueAt: number) => Promise<void>,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (let due = performance.now(); ;) {
    due += (-Math.log(1 - next()) / rate) * 1000;
    if (due >= endAt) break;
    await sleep(due - performance.now());
    pending.push(send(due));
  }
  await Promise.all(pending);
}

async function closedLoop(
  loops: number,
  endAt: number,
  send: (dueAt: number) => Promise<void>,
): Promise<void> {
  const client = async () => {
    while (performance.now() < endAt) await send(performance.now());
  };
  await Promise.all(Array.from({ length: loops }, client));
}

async function sendOne(
  agent: http.Agent,
  options: LoadOptions,
  operation: LoadOperation,
  result: OperationResult,
  dueAt: number,
): Promise<void> {
  const request = operation.request();
  const fail = (
    kind: 'non2xx' | 'graphqlErrors' | 'transportErrors' | 'timeouts',
    text: string,
  ) => {
    result[kind] += 1;
    result.firstError ??= `${kind}: ${text.slice(0, 300)}`;
  };
  try {
    const { status, text } = await post(agent, options, request.body);
    result.answered += 1;
    result.latenciesMs.push(performance.now() - dueAt);
    if (status < 200 || status > 299) fail('non2xx', `${status} ${text}`);
    else if (text.includes('"errors"')) fail('graphqlErrors', text);
    request.done?.(text);
  } catch (error) {
    const timedOut = error instanceof Error && error.message === 'timeout';
    fail(timedOut ? 'timeouts' : 'transportErrors', String(error));
    request.done?.('');
  }
}

function post(
  agent: http.Agent,
  options: LoadOptions,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      options.url,
      {
        method: 'POST',
        agent,
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.setTimeout(options.timeoutMs ?? 10_000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/** p50, p99 and the maximum of a result's latencies, in whole milliseconds. */
export function latencySummary(result: OperationResult): { p50: number; p99: number; max: number } {
  const round = (p: number) => Math.round(percentile(result.latenciesMs, p));
  return { p50: round(50), p99: round(99), max: round(100) };
}

/** A small seeded generator (mulberry32) of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
