import { Arg, Query, Resolver } from 'type-graphql';
import type { DimensionService } from './dimension.service';
import { Dimension } from './dimension.types';

/** Queries of the diversity dimensions. */
@Resolver(() => Dimension)
export class DimensionResolver {
  constructor(private readonly dimensionService: DimensionService) {}

  @Query(() => [Dimension], { description: 'The seven diversity dimensions, ordered by key.' })
  dimensions(): Promise<Dimension[]> {
    return this.dimensionService.list();
  }

  @Query(() => Dimension, {
    nullable: true,
    description: 'One dimension by key; null when no dimension has that key.',
  })
  dimension(@Arg('key', () => String) key: string): Promise<Dimension | null> {
    return this.dimensionService.get(key);
  }
}
