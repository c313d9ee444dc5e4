import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, fetchPage, type Page, toPageRequest } from '../common/pagination';
import { assertKey } from '../dimensions/dimension.service';
import type { Loaders } from '../loaders';
import { assertId } from '../partners/partner.service';
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
    const ordering = order ?? DEFAULT_COOPERATION_ORDER;
    const scope = `cooperations:${ordering.field}:${ordering.direction}`;
    const request = toPageRequest(scope, args);
    return fetchPage(
      scope,
      request,
      () => this.repository.findPage(filter ?? undefined, ordering, request),
      () => this.repository.count(filter ?? undefined),
      countNow,
    );
  }

  /** One cooperation, or `null` when the id is unknown. */
  get(id: string, loaders: Loaders): Promise<Cooperation | null> {
    assertId('id', id);
    return loaders.cooperation.load(id);
  }
}
