import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './pagination';

/**
 * Makes the Relay connection type `<Name>Connection` (with `<Name>Edge`) for a node type, so every
 * connection of the API has the same shape: `edges { node cursor }`, `pageInfo`, `totalCount`.
 */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => nodeType)
    node!: T;

    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items (Relay connection).`,
    simpleResolvers: true,
  })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    // Counted lazily (a promise) on the resolvers' path: graphql-jit awaits only what a
    // resolver returns, so this field keeps one.
    @Field(() => Int, {
      description: 'Number of items matching the filter, over all pages.',
      simple: false,
    })
    totalCount!: number;
  }
  return ConnectionType;
}
