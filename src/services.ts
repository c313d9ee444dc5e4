import type { CypherExecutor } from './db/executor';
import { DimensionRepository } from './dimensions/dimension.repository';
import { DimensionService } from './dimensions/dimension.service';
import { DistrictRepository } from './districts/district.repository';
import { TopicRepository } from './topics/topic.repository';

/** The application's services, built once per process over one executor. */
export interface Services {
  dimensions: DimensionService;
}

/** The repositories, for services and for loaders of reference and demo data. */
export interface Repositories {
  dimensions: DimensionRepository;
  topics: TopicRepository;
  districts: DistrictRepository;
}

/** Builds every repository over the executor. */
export function createRepositories(executor: CypherExecutor): Repositories {
  return {
    dimensions: new DimensionRepository(executor),
    topics: new TopicRepository(executor),
    districts: new DistrictRepository(executor),
  };
}

/** Builds every service over its repositories. */
export function createServices(repositories: Repositories): Services {
  return { dimensions: new DimensionService(repositories.dimensions) };
}
