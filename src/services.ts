import type { CypherExecutor } from './db/executor';
import { DimensionRepository } from './dimensions/dimension.repository';
import { DimensionService } from './dimensions/dimension.service';

/** The application's services, built once per process over one executor. */
export interface Services {
  dimensions: DimensionService;
}

/** The repositories, for loaders of reference and demo data. */
export interface Repositories {
  dimensions: DimensionRepository;
}

/** Builds every repository over the executor. */
export function createRepositories(executor: CypherExecutor): Repositories {
  return { dimensions: new DimensionRepository(executor) };
}

/** Builds every service over its repository. */
export function createServices(repositories: Repositories): Services {
  return { dimensions: new DimensionService(repositories.dimensions) };
}
