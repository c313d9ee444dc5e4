import { type Client, createClient, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import type { ObservedResponse, WsEnd } from './checks';
import { type AuthKind, type FuzzOperation, wsPayloadOf } from './request';
import { observeWs, type WsArrival, wsEndOf } from './ws-responses';

/**
 * How long (2 s) a subscription may stay silent before the fuzzer stops waiting: it waits for
 * events that nothing may cause during the run, and that is no hang.
 */
export const SUBSCRIPTION_WAIT_MS = 2_000;

/** One identity's client and what the transport knows of its socket. */
interface Connection {
  client: Client;
  /** An operation is running on it: a close now is that operation's outcome. */
  busy: boolean;
  /**
   * Its socket has closed, or we gave it up: the next operation needs a new client, and a later
   * close event is no news (already reported, or our own doing).
   */
  closed: boolean;
}

/**
 * Sends fuzz operations over graphql-ws with a real client: one per identity, opened on that
 * identity's first operation and kept open for the next ones (`lazy: false`, so an idle socket
 * stays up), with the token in `connectionParams.authorization`. A client is never retried
 * (`retryAttempts: 0`): after its socket closes (a refused token closes it at once) the next
 * operation of that identity opens a new one. Closes of idle sockets are kept for
 * {@link takeIdleCloses}, since they belong to no operation.
 */
export class WsTransport {
  private readonly connections = new Map<AuthKind, Connection>();
  private idleCloses: WsEnd[] = [];

  /**
   * @param url - the WebSocket endpoint, `ws://host:port/graphql`
   * @param authorization - the `Authorization` value of an identity ("Bearer …"), if it has one
   */
  constructor(
    private readonly url: string,
    private readonly authorization: (auth: AuthKind) => string | undefined,
  ) {}

  /**
   * Subscribes with the operation's document and takes the first `next`, `error` or `complete`,
   * then unsubscribes. A subscription gets {@link SUBSCRIPTION_WAIT_MS}, anything else
   * `timeoutMs`.
   *
   * @returns the response for the checks, or undefined when a query or mutation got no answer
   * @throws when the operation has no WebSocket form (its transport should have been `http`)
   */
  async send(op: FuzzOperation, timeoutMs: number): Promise<ObservedResponse | undefined> {
    const payload = wsPayloadOf(op);
    if (!payload) throw new Error(`expected a document to send over graphql-ws, got ${op.shape}`);
    const subscription = op.kind === 'subscription';
    const connection = this.connectionFor(op.auth);
    connection.busy = true;
    try {
      const arrival = await firstArrival(
        connection.client,
        payload,
        subscription ? SUBSCRIPTION_WAIT_MS : timeoutMs,
      );
      // A socket that closed or failed during the operation (reported as its outcome), or left
      // it unanswered, is not trusted with the next one.
      const ended = arrival.kind === 'error' && !Array.isArray(arrival.error);
      if (ended || (arrival.kind === 'timeout' && !subscription)) void this.retire(connection);
      return observeWs(arrival, subscription);
    } finally {
      connection.busy = false;
    }
  }

  /** Closes of sockets that ran no operation at the time, since the last call. */
  takeIdleCloses(): WsEnd[] {
    const closes = this.idleCloses;
    this.idleCloses = [];
    return closes;
  }

  /** Closes every client's socket (1000, from our side: not reported); waits at most 5 s. */
  async dispose(): Promise<void> {
    const connections = [...this.connections.values()];
    this.connections.clear();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5_000)));
    await Promise.race([Promise.all(connections.map((c) => this.retire(c))), bound]);
    clearTimeout(timer);
  }

  private connectionFor(auth: AuthKind): Connection {
    const known = this.connections.get(auth);
    if (known && !known.closed) return known;
    if (known) void this.retire(known);
    const authorization = this.authorization(auth);
    const connection: Connection = {
      busy: false,
      closed: false,
      client: createClient({
        url: this.url,
        webSocketImpl: WebSocket,
        connectionParams: authorization === undefined ? undefined : { authorization },
        lazy: false,
        retryAttempts: 0,
        on: { closed: (event) => this.closed(connection, event) },
        // The operation's sink, or the `closed` listener, reports what ended the socket.
        onNonLazyError: () => undefined,
      }),
    };
    this.connections.set(auth, connection);
    return connection;
  }

  private closed(connection: Connection, event: unknown): void {
    if (!connection.busy && !connection.closed) this.idleCloses.push(wsEndOf(event));
    connection.closed = true;
  }

  /**
   * Gives a client up on purpose: its closing is ours, not the server's. Resolves when its
   * socket is closed; never when the server leaves the connection unacknowledged.
   */
  private async retire(connection: Connection): Promise<void> {
    connection.closed = true;
    try {
      await connection.client.dispose();
    } catch {
      // Its socket never opened (the connection was refused): nothing to close.
    }
  }
}

/** Subscribes and resolves with the first thing the sink receives, or a timeout. */
export function firstArrival(
  client: Client,
  payload: SubscribePayload,
  waitMs: number,
): Promise<WsArrival> {
  return new Promise((resolve) => {
    let unsubscribe: () => void = () => undefined;
    let settled = false;
    const settle = (arrival: WsArrival) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Sends `complete` for an operation still running; a no-op after `error` or `complete`.
      // Not at once: a `complete` that came in the same chunk as the result is handled right
      // after it, and graphql-ws 6 would then release the socket's lock twice and close it.
      setImmediate(unsubscribe);
      resolve(arrival);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), waitMs);
    unsubscribe = client.subscribe(payload, {
      next: (value) => settle({ kind: 'next', payload: value }),
      error: (error) => settle({ kind: 'error', error }),
      complete: () => settle({ kind: 'complete' }),
    });
  });
}
