import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './pagination';

/**
 * Makes the Relay connection type `<Name>Connection` (with `<Name>Edge`) for a node type, so every
 * connection of the API has the same shape: `edges { node cursor }`, `pageInfo`, `totalCount`.
 */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => nodeType)
    node!: T;

    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}
