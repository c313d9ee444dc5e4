import { type ReadModel, objectType, values } from '../reads/read-model';
import { rootConnection, type RootReader } from '../reads/read-roots';
import { EVENT_SORT, eventConditions, participantCountOf } from './event.repository';
import type { EventFilter } from './event.types';

/** How the read compiler reads alliance events. */
export const eventReadModel: ReadModel = {
  AllianceEvent: objectType(
    {
      ...values(['id', 'kind', 'title'], ['date']),
      participantCount: { kind: 'value', cypher: participantCountOf },
    },
    {},
  ),
};

/** The event root field in one statement. */
export const eventRoots: Record<string, RootReader> = {
  'Query.events': rootConnection({
    name: 'events',
    order: () => ({ field: 'DATE', direction: 'DESC', sort: EVENT_SORT }),
    source: (args) => {
      const { conditions, params } = eventConditions(
        (args.filter as EventFilter | null) ?? undefined,
      );
      return { source: 'MATCH (e:Event)', variable: 'e', conditions, params, labelScan: true };
    },
  }),
};
