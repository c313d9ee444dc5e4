import type express from 'express';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode, userError } from '../common/errors';
import { preferredLanguage } from '../common/language';
import { CooperationKind } from '../cooperations/cooperation.types';
import { PartnerStatus, Sector } from '../partners/partner.types';
import type { NetworkFilterInput } from './network.filter';
import type { NetworkExportFormat, NetworkModeName } from './network.model';
import type { NetworkService } from './network.service';
import { NetworkMode } from './network.types';
import { routeErrorResponse } from '../common/route-errors';

/** The export endpoints: path and media type per format (`csv` also serves `csv-excel-de`). */
export const NETWORK_EXPORTS: Record<
  Exclude<NetworkExportFormat, 'csv-excel-de'>,
  { path: string; contentType: string }
> = {
  gexf: { path: '/export/network.gexf', contentType: 'application/gexf+xml; charset=utf-8' },
  graphml: {
    path: '/export/network.graphml',
    contentType: 'application/graphml+xml; charset=utf-8',
  },
  json: { path: '/export/network.json', contentType: 'application/json; charset=utf-8' },
  csv: { path: '/export/network.csv', contentType: 'text/csv; charset=utf-8; header=present' },
};

/** The dialects of `GET /export/network.csv?format=…`, as in the audience export. */
const CSV_DIALECTS: Record<string, NetworkExportFormat> = {
  csv: 'csv',
  'excel-de': 'csv-excel-de',
};

const LIST_PARAMETERS = {
  sectors: Object.values(Sector) as string[],
  statuses: Object.values(PartnerStatus) as string[],
  cooperationKinds: Object.values(CooperationKind) as string[],
  dimensions: null,
  districts: null,
} as const;
const SINGLE_PARAMETERS = ['mode', 'from', 'to', 'minWeight'] as const;
const PARAMETERS = [...SINGLE_PARAMETERS, ...Object.keys(LIST_PARAMETERS)];

type ListParameter = keyof typeof LIST_PARAMETERS;

function badParameter(parameter: string, message: string): GraphQLError {
  return userError(ErrorCode.BAD_USER_INPUT, message, { parameter });
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw badParameter(
      name,
      `expected ${name} once, got it ${Array.isArray(value) ? value.length : 'several'} times`,
    );
  }
  return value;
}

/** `a,b` and `x=a&x=b` alike; every value checked against `allowed` when given. */
function listOf(query: Record<string, unknown>, name: ListParameter): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((part) =>
    typeof part === 'string' ? part.split(',') : [String(part)],
  );
  const values = parts.map((part) => part.trim()).filter((part) => part.length > 0);
  const allowed = LIST_PARAMETERS[name];
  const bad = allowed ? values.find((value) => !allowed.includes(value)) : undefined;
  if (bad !== undefined) {
    throw badParameter(
      name,
      `expected ${name} to be among ${allowed?.join(', ')}, got ${JSON.stringify(bad.slice(0, 40))}`,
    );
  }
  return values;
}

/**
 * Reads the mode and filter of an export request from its query parameters: `mode`, `from`,
 * `to`, `minWeight` once each; `sectors`, `statuses`, `dimensions`, `districts`,
 * `cooperationKinds` as comma-separated lists or repeated parameters. Values are checked further
 * by the service (`normaliseFilter`), as for the GraphQL query.
 *
 * @throws BAD_USER_INPUT (with `extensions.parameter`) for an unknown parameter, an unknown enum
 *   value, a repeated single parameter or a `minWeight` that is not a whole number
 */
export function parseExportQuery(
  query: Record<string, unknown>,
  extra: readonly string[] = [],
): {
  mode: NetworkModeName;
  filter: NetworkFilterInput;
} {
  const known = [...PARAMETERS, ...extra];
  const unknown = Object.keys(query).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw badParameter(
      unknown,
      `expected parameters among ${known.join(', ')}, got ${JSON.stringify(unknown.slice(0, 40))}`,
    );
  }
  const mode = single(query, 'mode') ?? NetworkMode.PARTNERS;
  if (!(Object.values(NetworkMode) as string[]).includes(mode)) {
    throw badParameter(
      'mode',
      `expected mode to be one of ${Object.values(NetworkMode).join(', ')}, got ${JSON.stringify(mode.slice(0, 40))}`,
    );
  }
  const minWeight = single(query, 'minWeight');
  if (minWeight !== undefined && !/^\d{1,9}$/.test(minWeight)) {
    throw badParameter(
      'minWeight',
      `expected minWeight to be a whole number, got ${JSON.stringify(minWeight.slice(0, 40))}`,
    );
  }
  return {
    mode: mode as NetworkModeName,
    filter: {
      sectors: listOf(query, 'sectors'),
      statuses: listOf(query, 'statuses'),
      dimensions: listOf(query, 'dimensions'),
      districts: listOf(query, 'districts'),
      cooperationKinds: listOf(query, 'cooperationKinds'),
      from: single(query, 'from'),
      to: single(query, 'to'),
      minWeight: minWeight === undefined ? undefined : Number(minWeight),
    },
  };
}

/**
 * The dialect of `GET /export/network.csv`: `format=csv` (default) or `format=excel-de`.
 *
 * @throws BAD_USER_INPUT (with `extensions.parameter`) for another or a repeated format
 */
function csvDialect(query: Record<string, unknown>): NetworkExportFormat {
  const format = single(query, 'format') ?? 'csv';
  // Own keys only: `format=constructor` must not find Object.prototype's.
  const dialect = Object.hasOwn(CSV_DIALECTS, format) ? CSV_DIALECTS[format] : undefined;
  if (dialect === undefined) {
    throw badParameter(
      'format',
      `expected format to be one of ${Object.keys(CSV_DIALECTS).join(', ')}, got ${JSON.stringify(format.slice(0, 40))}`,
    );
  }
  return dialect;
}

/**
 * The `routes` hook of `startServer` for `GET /export/network.{gexf,graphml,json,csv}`. Public, like
 * the `network` query: exports hold public partner data only, so a bearer token is neither needed
 * nor read. Dimension labels follow `Accept-Language`.
 */
export function networkExportRoutes(
  service: NetworkService,
  logger: Logger,
): (app: express.Express) => void {
  return (app) => {
    for (const [format, { path, contentType }] of Object.entries(NETWORK_EXPORTS)) {
      app.get(path, async (req, res) => {
        try {
          const query = req.query as Record<string, unknown>;
          const csv = format === 'csv';
          const { mode, filter } = parseExportQuery(query, csv ? ['format'] : []);
          const serialisation = csv ? csvDialect(query) : (format as NetworkExportFormat);
          const language = preferredLanguage(req.headers['accept-language']);
          const result = await service.export(serialisation, mode, filter, language);
          const fileName = serialisation === 'csv-excel-de' ? 'netzwerk.csv' : `network.${format}`;
          res
            .status(200)
            .set({
              'content-type': contentType,
              'content-disposition': `attachment; filename="${fileName}"`,
              'x-data-version': String(result.dataVersion),
            })
            .send(result.body);
        } catch (error) {
          const { status, body } = routeErrorResponse(error);
          if (status === 500) logger.error({ err: error, path }, 'network export failed');
          res.status(status).json(body);
        }
      });
    }
  };
}
