import type { CypherExecutor } from '../db/executor';
import type { Repositories } from '../services';

/** Use cases that change cooperations and events. */
export class CooperationWriteService {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly repositories: Repositories,
  ) {}
}
