import { assertKey } from '../common/checks';
import { REAL_COOPERATION_STATUSES } from '../cooperations/cooperation.types';
import { CursorValueType } from '../db/cursor-values';
import { partnerNameSort } from '../partners/german-sort-key';
import { type ReadModel, objectType, values } from '../reads/read-model';
import { rootByKey, rootList, type RootReader } from '../reads/read-roots';

/** How the read compiler reads dimensions and the partners and cooperations under them. */
export const dimensionReadModel: ReadModel = {
  Dimension: objectType(values(['key', 'nameDe', 'nameEn', 'descriptionDe', 'descriptionEn']), {
    partners: {
      kind: 'connection',
      connection: {
        match: (v, w) => `MATCH (${v})<-[engagement:ENGAGES_IN]-(${w}:Partner)`,
        conditions: (_w, args, param) =>
          args.perspective != null ? [`engagement.perspective = ${param(args.perspective)}`] : [],
        sort: { valueType: CursorValueType.TEXT, expression: partnerNameSort, direction: 'ASC' },
        parentKey: (v) => `${v}.key`,
        scope: (key, args) => `dimension:${key}:partners:${String(args.perspective ?? 'ANY')}`,
      },
    },
    cooperations: {
      kind: 'connection',
      connection: {
        match: (v, w) => `MATCH (${v})<-[:ADDRESSES]-(${w}:Cooperation)`,
        // Real cooperations only: proposals are listed by the root field, to whom may see them.
        conditions: (w, _args, param) => [`${w}.status IN ${param(REAL_COOPERATION_STATUSES)}`],
        sort: {
          valueType: CursorValueType.DATE,
          expression: (w) => `${w}.startedOn`,
          direction: 'DESC',
        },
        parentKey: (v) => `${v}.key`,
        scope: (key) => `dimension:${key}:cooperations`,
      },
    },
  }),
};

/** The dimension root fields in one statement each. */
export const dimensionRoots: Record<string, RootReader> = {
  'Query.dimensions': rootList({
    match: (v) => `MATCH (${v}:Dimension)`,
    orderBy: (v) => `${v}.key`,
  }),
  'Query.dimension': rootByKey({
    check: (args) => assertKey('key', args.key as string),
    argument: 'key',
    match: (v, key) => `MATCH (${v}:Dimension {key: ${key}})`,
  }),
};
