import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import { assertKey } from '../common/checks';
import type { CooperationLoaders } from './cooperation.loaders';
import { assertId } from '../common/checks';
import { type CooperationRepository, DEFAULT_COOPERATION_ORDER } from './cooperation.repository';
import type { Cooperation, CooperationFilter, CooperationOrder } from './cooperation.types';

/** Checks a cooperation filter's keys, ids and sector pair. */
export function assertCooperationFilter(filter: CooperationFilter | null | undefined): void {
  if (!filter) return;
  if (filter.dimension != null) assertKey('filter.dimension', filter.dimension);
  if (filter.partner != null) assertId('filter.partner', filter.partner);
  if (filter.sectorPair != null && filter.sectorPair.length !== 2) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.sectorPair to name 2 sectors, got ${filter.sectorPair.length}`,
      { argument: 'filter.sectorPair' },
    );
  }
}

/** Use cases of reading cooperations. */
export class CooperationService {
  constructor(private readonly repository: CooperationRepository) {}

  /**
   * A page of cooperations, newest first unless ordered otherwise.
   *
   * @throws BAD_USER_INPUT for bad page sizes, cursors or filters
   */
  async list(
    args: ConnectionArgs,
    filter?: CooperationFilter | null,
    order?: CooperationOrder | null,
    countNow = false,
  ): Promise<Page<Cooperation>> {
    assertCooperationFilter(filter);
    const where = filter ?? undefined;
    return orderedConnection(
      'cooperations',
      args,
      order ?? DEFAULT_COOPERATION_ORDER,
      {
        rows: (ordering, request) => this.repository.findPage(where, ordering, request),
        count: () => this.repository.count(where),
      },
      countNow,
    );
  }

  /** One cooperation, or `null` when the id is unknown. */
  get(id: string, loaders: CooperationLoaders): Promise<Cooperation | null> {
    assertId('id', id);
    return loaders.cooperation.load(id);
  }
}
