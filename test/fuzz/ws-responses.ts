import type { ObservedResponse, WsEnd } from './checks';

/**
 * How a graphql-ws operation's outcome becomes an {@link ObservedResponse}, so that the same
 * checks judge both transports. Pure: the transport (ws-transport.ts) records what its sink
 * received, these functions only translate it.
 */

/** The first thing a graphql-ws sink received for an operation, or that nothing came in time. */
export type WsArrival =
  /** A `next` message: an execution result. */
  | { kind: 'next'; payload: unknown }
  /**
   * The sink's `error`: the GraphQLErrors of an `error` message (a list), a close event of the
   * socket, or an Error of the client.
   */
  | { kind: 'error'; error: unknown }
  /** `complete` before any result. */
  | { kind: 'complete' }
  /** Nothing within the operation's time. */
  | { kind: 'timeout' };

/** JSON, as graphql-ws messages are: what the checks parse as a GraphQL body. */
const JSON_TYPE = 'application/json';

/**
 * The response the checks see for an arrival: a result reads as status 200 with the result as
 * its body, an `error` message as status 200 with `{ errors }` (a refusal, like HTTP's); a close,
 * a client failure, a silent or completed subscription carry status 0 and their {@link WsEnd}.
 *
 * @param subscription - whether the operation subscribes: for a query or mutation, completing
 *   without a result is a failure, and no result in time is no answer at all
 * @returns undefined when a query or mutation got no answer in time (a hang, as on HTTP)
 */
export function observeWs(arrival: WsArrival, subscription: boolean): ObservedResponse | undefined {
  switch (arrival.kind) {
    case 'next':
      return { status: 200, contentType: JSON_TYPE, text: JSON.stringify(arrival.payload) };
    case 'error':
      if (Array.isArray(arrival.error)) {
        return {
          status: 200,
          contentType: JSON_TYPE,
          text: JSON.stringify({ errors: arrival.error }),
        };
      }
      return ended(wsEndOf(arrival.error));
    case 'complete':
      return ended(
        subscription
          ? { kind: 'completed' }
          : { kind: 'failed', message: 'the operation completed without a result' },
      );
    case 'timeout':
      return subscription ? ended({ kind: 'silent' }) : undefined;
  }
}

/**
 * What a close event or client error says about the socket: a close event (anything with a
 * numeric `code` and a string `reason`, as ws's CloseEvent and graphql-ws's own) is `closed`,
 * anything else `failed` with its message.
 */
export function wsEndOf(event: unknown): WsEnd {
  if (typeof event === 'object' && event !== null) {
    const { code, reason, message } = event as {
      code?: unknown;
      reason?: unknown;
      message?: unknown;
    };
    if (typeof code === 'number' && typeof reason === 'string') {
      return { kind: 'closed', code, reason };
    }
    if (typeof message === 'string') return { kind: 'failed', message };
  }
  return { kind: 'failed', message: String(event) };
}

/** A response without a message: its text is what the socket said (a close reason), if anything. */
function ended(end: WsEnd): ObservedResponse {
  const text = end.kind === 'closed' ? end.reason : end.kind === 'failed' ? end.message : '';
  return { status: 0, contentType: 'text/plain', text, wsEnd: end };
}
