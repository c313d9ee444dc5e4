import { buildSchema, type ExecutionResult, parse } from 'graphql';
import { subscribeSharingResults } from '../../src/common/shared-subscribe';

/** A schema whose subscription yields the given payload objects and counts field executions. */
function setup(payloads: object[]) {
  let executions = 0;
  const schema = buildSchema('type Query { ok: Boolean } type Subscription { tick: Int }');
  const rootValue = {
    tick: () => ({
      [Symbol.asyncIterator]: async function* () {
        for (const payload of payloads) yield payload;
      },
    }),
  };
  const fieldResolver = (source: { tick?: number }) => {
    executions += 1;
    return source.tick;
  };
  return { schema, rootValue, fieldResolver, executions: () => executions };
}

async function collect(iterable: AsyncIterable<ExecutionResult> | ExecutionResult) {
  const values: unknown[] = [];
  for await (const result of iterable as AsyncIterable<ExecutionResult>) values.push(result.data);
  return values;
}

describe('subscribeSharingResults', () => {
  it('should execute one event once for all subscriptions with the same view', async () => {
    const events = [{ tick: 1 }, { tick: 2 }];
    const { schema, rootValue, fieldResolver, executions } = setup(events);
    const args = (user: string) => ({
      schema,
      rootValue,
      fieldResolver,
      document: parse('subscription { tick }'),
      contextValue: { user: { role: 'COORDINATOR', subject: user } },
    });
    const a = await collect(await subscribeSharingResults(args('same')));
    const b = await collect(await subscribeSharingResults(args('same')));
    expect(a).toEqual([{ tick: 1 }, { tick: 2 }]);
    expect(b).toEqual(a);
    expect(executions()).toBe(2);
    // Another caller is another view: its results are never shared.
    await collect(await subscribeSharingResults(args('other')));
    expect(executions()).toBe(4);
  });
});
