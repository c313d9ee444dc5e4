import { assertId } from '../common/checks';
import { type ReadModel, objectType, values } from '../reads/read-model';
import { rootByKey, rootConnection, type RootReader } from '../reads/read-roots';
import { partnerNameSort } from '../partners/german-sort-key';
import {
  cooperationConditions,
  cooperationSort,
  cooperationVisibility,
  DEFAULT_COOPERATION_ORDER,
} from './cooperation.repository';
import { assertCooperationFilter } from './cooperation.service';
import type { CooperationFilter, CooperationOrder } from './cooperation.types';

/** How the read compiler reads cooperations and their participants. */
export const cooperationReadModel: ReadModel = {
  Cooperation: objectType(
    values(
      ['id', 'title', 'kind', 'status', 'funding', 'proposedBy', 'decidedBy'],
      // Dates and date-times alike through toString, as the repositories read them.
      ['startedOn', 'endedOn', 'proposedAt', 'expiresAt', 'activatedAt', 'decidedAt'],
    ),
    {
      partners: {
        kind: 'many',
        // A proposal's named partners are PROPOSED_IN it, a real cooperation's PARTICIPATES_IN.
        match: (v, w) => `MATCH (:Partner)-[${w}:PARTICIPATES_IN|PROPOSED_IN]->(${v})`,
        // Leads first, then partners in German order of their names.
        orderBy: (w) => `${w}.role, ${partnerNameSort(`startNode(${w})`)}`,
      },
      dimensions: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[:ADDRESSES]->(${w}:Dimension)`,
        orderBy: (w) => `${w}.key`,
      },
    },
  ),
  /** Bound to the PARTICIPATES_IN or PROPOSED_IN relationship. */
  CooperationParticipant: {
    fields: {
      role: { kind: 'value', cypher: (r) => `${r}.role` },
      confirmedAt: { kind: 'value', cypher: (r) => `toString(${r}.confirmedAt)` },
      partner: { kind: 'oneOf', expression: (r) => `startNode(${r})` },
    },
  },
};

/**
 * The cooperation root fields in one statement each; both see only what the viewer may see
 * (`cooperationVisibility`): a proposal is `null` to anybody not named in it.
 */
export const cooperationRoots: Record<string, RootReader> = {
  'Query.cooperations': rootConnection({
    check: (args) => assertCooperationFilter(args.filter as CooperationFilter | null),
    name: 'cooperations',
    order: (args) => {
      const order = (args.orderBy as CooperationOrder | null) ?? DEFAULT_COOPERATION_ORDER;
      return { ...order, sort: cooperationSort(order) };
    },
    source: (args, c) => {
      const { conditions, params } = cooperationConditions(
        (args.filter as CooperationFilter | null) ?? undefined,
        'c',
        c.user,
      );
      return {
        source: 'MATCH (c:Cooperation)',
        variable: 'c',
        conditions,
        params,
        labelScan: true,
      };
    },
  }),
  'Query.cooperation': rootByKey({
    check: (args) => assertId('id', args.id as string),
    argument: 'id',
    match: (v, id, c) => {
      const visible = cooperationVisibility(v, c.user, c.param);
      return `MATCH (${v}:Cooperation {id: ${id}})${visible ? ` WHERE ${visible}` : ''}`;
    },
  }),
};
