import {
  childConnection,
  type ConnectionArgs,
  orderedConnection,
  type Page,
} from '../common/pagination';
import type { Cooperation, CooperationKind } from '../cooperations/cooperation.types';
import { assertKey, assertId } from '../common/checks';
import type { PartnerLoaders } from './partner.loaders';
import { DEFAULT_PARTNER_ORDER, type PartnerRepository } from './partner.repository';
import type { Partner, PartnerFilter, PartnerOrder } from './partner.types';

/** Checks the reference keys of a partner filter (dimensions, topics, districts, boroughs). */
export function assertPartnerFilter(filter: PartnerFilter | null | undefined): void {
  if (!filter) return;
  const lists = { dimensions: filter.dimensions, topics: filter.topics };
  const places = { districts: filter.districts, boroughs: filter.boroughs };
  for (const [name, keys] of Object.entries({ ...lists, ...places })) {
    for (const key of keys ?? []) assertKey(`filter.${name}`, key);
  }
}

/** Use cases of reading partners. */
export class PartnerService {
  constructor(private readonly repository: PartnerRepository) {}

  /**
   * A page of partners.
   *
   * @throws BAD_USER_INPUT for bad page sizes, cursors, keys or search text
   */
  async list(
    args: ConnectionArgs,
    filter?: PartnerFilter | null,
    order?: PartnerOrder | null,
    countNow = false,
  ): Promise<Page<Partner>> {
    assertPartnerFilter(filter);
    const where = filter ?? undefined;
    return orderedConnection(
      'partners',
      args,
      order ?? DEFAULT_PARTNER_ORDER,
      {
        rows: (ordering, request) => this.repository.findPage(where, ordering, request),
        count: () => this.repository.count(where),
      },
      countNow,
    );
  }

  /** One partner, or `null` when the id is unknown. */
  get(id: string, loaders: PartnerLoaders): Promise<Partner | null> {
    assertId('id', id);
    return loaders.partner.load(id);
  }

  /** The cooperations a partner took part in, newest first. */
  cooperationsOf(
    partnerId: string,
    args: ConnectionArgs,
    kinds: CooperationKind[] | null | undefined,
    loaders: PartnerLoaders,
  ): Promise<Page<Cooperation>> {
    return childConnection(`partner:${partnerId}:cooperations`, args, (request) =>
      loaders.partnerCooperations.load({ parentId: partnerId, filter: { kinds }, request }),
    );
  }
}
