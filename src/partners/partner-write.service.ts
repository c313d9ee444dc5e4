import type { CypherExecutor } from '../db/executor';
import type { Repositories } from '../services';

/** Settings of the partner writes. */
export interface PartnerWriteOptions {
  /** applyForMembership calls allowed per client IP and hour. */
  applyRateLimitPerHour: number;
}

/** Use cases that change partners: admission, status, profile, erasure. */
export class PartnerWriteService {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly repositories: Repositories,
    private readonly options: PartnerWriteOptions,
  ) {}
}
