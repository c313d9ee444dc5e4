import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { RequestContext } from '../context';

/** Results of one source event, per subscription "view" (document, variables, caller, language). */
const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/** What makes two subscriptions see the same result for the same event. */
function viewKey(args: ExecutionArgs): string {
  const context = args.contextValue as Partial<RequestContext> | undefined;
  const user = context?.user;
  return [
    args.document.loc?.source.body ?? '',
    args.operationName ?? '',
    JSON.stringify(args.variableValues ?? {}),
    user ? `${user.role}:${user.partnerId ?? user.subject}` : 'public',
    context?.language ?? '',
  ].join('\u0000');
}

/**
 * graphql-js `subscribe`, except that one source event is executed once per view and the result
 * shared by every subscription with that view. graphql-js would run the whole execution for each
 * subscriber; with 500 subscribers of one exchange that is 500 executions per event on one core.
 * Events reach all local subscribers as the same object (the exchange bus hands out one
 * instance), which is what the cache is keyed by; events read for one subscriber alone (its
 * replay) are executed for it as usual. The caller is part of the view, so results that depend
 * on who asks are never shared between callers.
 */
export async function subscribeSharingResults(
  args: ExecutionArgs,
): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const key = viewKey(args);
  // Each event is its own operation: a fresh context per event gives it fresh per-operation
  // DataLoaders (src/context.ts `perRequest`), so a subscription that lives for hours never
  // answers from what it read for an earlier event (a post withdrawn since, a proposal confirmed).
  const eventArgs = (payload: unknown): ExecutionArgs => ({
    ...args,
    contextValue: isObject(args.contextValue) ? { ...args.contextValue } : args.contextValue,
    rootValue: payload,
  });
  const run = (payload: unknown): Promise<ExecutionResult> => {
    if (typeof payload !== 'object' || payload === null) {
      return Promise.resolve(execute(eventArgs(payload)));
    }
    let byView = results.get(payload);
    if (!byView) {
      byView = new Map();
      results.set(payload, byView);
    }
    let result = byView.get(key);
    if (!result) {
      result = Promise.resolve(execute(eventArgs(payload)));
      byView.set(key, result);
    }
    return result;
  };
  const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const next = await events.next();
      return next.done ? next : { value: await run(next.value), done: false };
    },
    return: async () => (await events.return?.()) ?? { value: undefined, done: true },
    throw: async (error: unknown) => {
      if (events.throw) return events.throw(error);
      throw error;
    },
  } as AsyncIterableIterator<ExecutionResult>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
