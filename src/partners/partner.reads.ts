import { assertId } from '../common/checks';
import { CursorValueType } from '../db/cursor-values';
import { type ReadModel, objectType, values } from '../reads/read-model';
import { rootByKey, rootConnection, type RootReader } from '../reads/read-roots';
import {
  DEFAULT_PARTNER_ORDER,
  partnerFilterClause,
  partnerScope,
  partnerSort,
} from './partner.repository';
import { assertPartnerFilter } from './partner.service';
import type { PartnerFilter, PartnerOrder } from './partner.types';

/** How the read compiler reads partners: the public values, private fields by role, relations. */
export const partnerReadModel: ReadModel = {
  Partner: objectType(
    {
      ...values(
        [
          'id',
          'name',
          'sector',
          'kind',
          'status',
          'description',
          'website',
          'cooperationCount',
          'version',
        ],
        ['joinedOn', 'lastActiveOn'],
      ),
      // A value field, so that the parent object other resolvers get holds it as well.
      scope: { kind: 'value', cypher: partnerScope },
    },
    {
      contactName: {
        kind: 'private',
        property: 'contactName',
        visibleTo: 'selfContactOrCoordinator',
      },
      contactEmail: {
        kind: 'private',
        property: 'contactEmail',
        visibleTo: 'selfContactOrCoordinator',
      },
      contactPhone: {
        kind: 'private',
        property: 'contactPhone',
        visibleTo: 'selfContactOrCoordinator',
      },
      internalNotes: { kind: 'private', property: 'internalNotes', visibleTo: 'coordinator' },
      dimensions: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[${w}:ENGAGES_IN]->(:Dimension)`,
        orderBy: (w) => `endNode(${w}).key, ${w}.perspective`,
      },
      topics: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[:ACTIVE_IN]->(${w}:Topic)`,
        orderBy: (w) => `${w}.key`,
      },
      district: { kind: 'one', pattern: (v, w) => `(${v})-[:LOCATED_IN]->(${w}:District)` },
      offers: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[:OFFERS]->(${w}:Offer)`,
        orderBy: (w) => `${w}.position`,
      },
      needs: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[:NEEDS]->(${w}:Need)`,
        orderBy: (w) => `${w}.position`,
      },
      events: {
        kind: 'many',
        match: (v, w) => `MATCH (${v})-[:ATTENDED]->(${w}:Event)`,
        orderBy: (w) => `${w}.date DESC, ${w}.id DESC`,
      },
      cooperations: {
        kind: 'connection',
        connection: {
          match: (v, w) => `MATCH (${v})-[:PARTICIPATES_IN]->(${w}:Cooperation)`,
          sort: {
            valueType: CursorValueType.DATE,
            expression: (w) => `${w}.startedOn`,
            direction: 'DESC',
          },
          parentKey: (v) => `${v}.id`,
          scope: (partnerId) => `partner:${partnerId}:cooperations`,
          conditions: (w, args, param) =>
            Array.isArray(args.kinds) && args.kinds.length > 0
              ? [`${w}.kind IN ${param(args.kinds)}`]
              : [],
        },
      },
    },
  ),
  /** Bound to an Offer or Need node; `topicKeys` is never null (see offerNeedProjection). */
  OfferOrNeed: {
    fields: {
      text: { kind: 'value', cypher: (n) => `${n}.text` },
      topicKeys: { kind: 'value', cypher: (n) => `coalesce(${n}.topicKeys, [])` },
    },
  },
  /** Bound to the ENGAGES_IN relationship. */
  PartnerDimension: {
    fields: {
      perspective: { kind: 'value', cypher: (r) => `${r}.perspective` },
      dimension: { kind: 'oneOf', expression: (r) => `endNode(${r})` },
    },
  },
};

/** The partner root fields in one statement each. */
export const partnerRoots: Record<string, RootReader> = {
  'Query.partners': rootConnection({
    check: (args) => assertPartnerFilter(args.filter as PartnerFilter | null),
    name: 'partners',
    order: (args) => {
      const order = (args.orderBy as PartnerOrder | null) ?? DEFAULT_PARTNER_ORDER;
      return { ...order, sort: partnerSort(order) };
    },
    source: (args) => {
      const clause = partnerFilterClause((args.filter as PartnerFilter | null) ?? undefined);
      return { ...clause, variable: 'p', labelScan: clause.source === 'MATCH (p:Partner)' };
    },
  }),
  'Query.partner': rootByKey({
    check: (args) => assertId('id', args.id as string),
    argument: 'id',
    match: (v, id) => `MATCH (${v}:Partner {id: ${id}})`,
  }),
};
