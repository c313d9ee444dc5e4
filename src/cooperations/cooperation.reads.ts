import { assertId } from '../common/checks';
import { type ReadModel, objectType, values } from '../reads/read-model';
import { rootByKey, rootConnection, type RootReader } from '../reads/read-roots';
import {
  cooperationConditions,
  cooperationSort,
  DEFAULT_COOPERATION_ORDER,
} from './cooperation.repository';
import { assertCooperationFilter } from './cooperation.service';
import type { CooperationFilter, CooperationOrder } from './cooperation.types';

/** How the read compiler reads cooperations and their participants. */
export const cooperationReadModel: ReadModel = {
  Cooperation: objectType(
    values(['id', 'title', 'kind', 'status', 'funding'], ['startedOn', 'endedOn']),
    {
      partners: {
        kind: 'many',
        match: (v, w) => `MATCH (:Partner)-[${w}:PARTICIPATES_IN]->(${v})`,
        orderBy: (w) => `${w}.role, startNode(${w}).name`,
      },
      dimensions: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[:ADDRESSES]->(${w}:Dimension)`,
        orderBy: (w) => `${w}.key`,
      },
    },
  ),
  /** Bound to the PARTICIPATES_IN relationship. */
  CooperationParticipant: {
    fields: {
      role: { kind: 'value', cypher: (r) => `${r}.role` },
      partner: { kind: 'oneOf', expression: (r) => `startNode(${r})` },
    },
  },
};

/** The cooperation root fields in one statement each. */
export const cooperationRoots: Record<string, RootReader> = {
  'Query.cooperations': rootConnection({
    check: (args) => assertCooperationFilter(args.filter as CooperationFilter | null),
    name: 'cooperations',
    order: (args) => {
      const order = (args.orderBy as CooperationOrder | null) ?? DEFAULT_COOPERATION_ORDER;
      return { ...order, sort: cooperationSort(order) };
    },
    source: (args) => {
      const { conditions, params } = cooperationConditions(
        (args.filter as CooperationFilter | null) ?? undefined,
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
    match: (v, id) => `MATCH (${v}:Cooperation {id: ${id}})`,
  }),
};
