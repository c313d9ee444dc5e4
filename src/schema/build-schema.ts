import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { compiledFieldsFirst } from '../reads/compiled-fields';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { validateInput } from '../common/validation';

/**
 * A container that hands type-graphql the resolver instances the slices built, each with the
 * services it needs (constructor injection without a DI framework).
 */
function resolverContainer(resolvers: readonly object[]): ContainerType {
  const instances = new Map<unknown, object>(resolvers.map((r) => [r.constructor, r]));
  return {
    get(resolverClass) {
      const instance = instances.get(resolverClass);
      if (instance === undefined) throw new Error(`no instance for ${String(resolverClass)}`);
      return instance;
    },
  };
}

/**
 * type-graphql insists on a PubSub once a schema has subscriptions, even when each subscription
 * brings its own `subscribe` (ours read the exchange event streams). This one refuses topic
 * subscriptions, so a resolver using `topics` fails loudly instead of never receiving anything.
 */
const NO_TOPIC_PUBSUB: PubSub = {
  publish: () => {
    throw new Error(
      'topic subscriptions are not used: publish exchange events on the exchange bus',
    );
  },
  subscribe: () => {
    throw new Error('topic subscriptions are not used: give @Subscription a subscribe function');
  },
};

/**
 * Builds the executable schema from the slices' resolver instances.
 *
 * @param resolvers - every slice's resolvers (see src/slices.ts)
 */
export async function buildAppSchema(resolvers: readonly object[]): Promise<GraphQLSchema> {
  const [first, ...rest] = resolvers.map((r) => r.constructor);
  if (first === undefined) throw new Error('a schema needs at least one resolver');
  const schema = await buildSchema({
    resolvers: [first, ...rest],
    container: resolverContainer(resolvers),
    validateFn: validateInput,
    authChecker,
    pubSub: NO_TOPIC_PUBSUB,
  });
  return compiledFieldsFirst(schema);
}
