import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { DimensionResolver } from '../dimensions/dimension.resolver';
import type { Services } from '../services';

/** Every resolver class of the API; a slice adds its resolver here. */
const RESOLVERS = [DimensionResolver] as const;

/**
 * A container that hands type-graphql the resolver instances, each built once with the services it
 * needs (constructor injection without a DI framework).
 */
function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [DimensionResolver, new DimensionResolver(services.dimensions)],
  ]);
  return {
    get(resolverClass) {
      const instance = instances.get(resolverClass);
      if (instance === undefined) throw new Error(`no instance for ${String(resolverClass)}`);
      return instance;
    },
  };
}

/**
 * Builds the executable schema.
 *
 * @param services - the services resolvers call; omit to build a schema only for printing SDL
 */
export function buildAppSchema(services?: Services): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    container: services ? resolverContainer(services) : undefined,
    validate: false,
  });
}
