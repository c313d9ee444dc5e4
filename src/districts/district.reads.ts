import { CursorValueType } from '../db/cursor-values';
import { partnerNameSort } from '../partners/german-sort-key';
import { type ReadModel, objectType, values } from '../reads/read-model';
import { rootList, type RootReader } from '../reads/read-roots';

/** How the read compiler reads districts and the partners located in them. */
export const districtReadModel: ReadModel = {
  District: objectType(values(['key', 'name', 'borough', 'boroughKey']), {
    partners: {
      kind: 'connection',
      connection: {
        match: (v, w) => `MATCH (${v})<-[:LOCATED_IN]-(${w}:Partner)`,
        sort: { valueType: CursorValueType.TEXT, expression: partnerNameSort, direction: 'ASC' },
        parentKey: (v) => `${v}.key`,
        scope: (key) => `district:${key}:partners`,
      },
    },
  }),
};

/** The district root field in one statement. */
export const districtRoots: Record<string, RootReader> = {
  'Query.districts': rootList({
    match: (v) => `MATCH (${v}:District)`,
    orderBy: (v) => `${v}.boroughKey, ${v}.key`,
  }),
};
