import { type AuthUser, Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import { assertKey } from '../common/checks';
import type { CooperationLoaders } from './cooperation.loaders';
import { assertId } from '../common/checks';
import { type CooperationRepository, DEFAULT_COOPERATION_ORDER } from './cooperation.repository';
import {
  type Cooperation,
  type CooperationFilter,
  type CooperationOrder,
  REAL_COOPERATION_STATUSES,
} from './cooperation.types';

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
   * A page of the cooperations `user` may see (see `cooperationVisibility`), newest first
   * unless ordered otherwise.
   *
   * @throws BAD_USER_INPUT for bad page sizes, cursors or filters
   */
  async list(
    args: ConnectionArgs,
    filter?: CooperationFilter | null,
    order?: CooperationOrder | null,
    countNow = false,
    user: AuthUser | null = null,
  ): Promise<Page<Cooperation>> {
    assertCooperationFilter(filter);
    const where = filter ?? undefined;
    return orderedConnection(
      'cooperations',
      args,
      order ?? DEFAULT_COOPERATION_ORDER,
      {
        rows: (ordering, request) => this.repository.findPage(where, ordering, request, user),
        count: () => this.repository.count(where, user),
      },
      countNow,
    );
  }

  /**
   * One cooperation, or `null` when the id is unknown or `user` may not see it: a proposal
   * (DRAFT, DECLINED, WITHDRAWN, EXPIRED) is visible to its named partners and coordinators.
   */
  async get(
    id: string,
    loaders: CooperationLoaders,
    user: AuthUser | null = null,
  ): Promise<Cooperation | null> {
    assertId('id', id);
    const cooperation = await loaders.cooperation.load(id);
    if (!cooperation || user?.role === Role.COORDINATOR) return cooperation;
    if (REAL_COOPERATION_STATUSES.includes(cooperation.status)) return cooperation;
    const named = await loaders.cooperationParticipants.load(id);
    return named.some((p) => p.partnerId === user?.partnerId) ? cooperation : null;
  }
}
