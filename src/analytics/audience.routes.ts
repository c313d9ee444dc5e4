import type express from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate';
import { Role } from '../auth/auth.types';
import type { TokenVerifier } from '../auth/tokens';
import { ErrorCode, userError } from '../common/errors';
import type { AnalyticsService } from './analytics.service';
import { badParameter, parseAudienceQuery, singleParameter } from './audience';
import { parseCsvFormat } from './audience-csv';
import { XLSX_CONTENT_TYPE } from './audience-xlsx';
import { routeErrorResponse } from '../common/route-errors';

/** Path of the audience CSV export. */
export const AUDIENCE_CSV_PATH = '/export/audience.csv';
/** Path of the audience Excel export. */
export const AUDIENCE_XLSX_PATH = '/export/audience.xlsx';

/**
 * Refuses anyone but a coordinator: the export holds contact data (personal data).
 *
 * @throws UNAUTHENTICATED without a token or with a bad one, FORBIDDEN for other roles
 */
async function assertCoordinator(verify: TokenVerifier, authorization: unknown): Promise<void> {
  const user = await authenticate(verify, authorization);
  if (!user) {
    throw userError(
      ErrorCode.UNAUTHENTICATED,
      'This export needs a coordinator token (Authorization: Bearer ...).',
    );
  }
  if (user.role !== Role.COORDINATOR) {
    throw userError(ErrorCode.FORBIDDEN, `This export is for COORDINATOR, not ${user.role}.`);
  }
}

/**
 * Reads the `format` of the xlsx path: absent or `xlsx`.
 *
 * @throws BAD_USER_INPUT (with `extensions.parameter`) for any other or a repeated format
 */
function assertXlsxFormat(query: Record<string, unknown>): void {
  const format = singleParameter(query, 'format');
  if (format !== undefined && format !== 'xlsx') {
    throw badParameter(
      'format',
      `expected format to be xlsx on ${AUDIENCE_XLSX_PATH} (the CSV is ${AUDIENCE_CSV_PATH}), got ${JSON.stringify(format.slice(0, 40))}`,
    );
  }
}

/** What an export answers with: its media type, file name and body. */
interface AudienceFile {
  contentType: string;
  fileName: string;
  body: string | Buffer;
  rows: number;
}

/**
 * The routes of the audience exports, for coordinators only, with the audience filter as query
 * parameters (dimensions, topics, districts, boroughs, sectors, statuses, perspective,
 * activeSince, inactiveSince):
 *
 * - `GET /export/audience.csv`: RFC 4180 CSV with codes, or with `format=excel-de` what German
 *   Excel opens in columns (`;`, German headers and words, dates `DD.MM.YYYY`, decimal commas);
 *   both UTF-8 with BOM so spreadsheets read umlauts, lines ending with CRLF;
 * - `GET /export/audience.xlsx`: the German table as an Excel workbook with typed cells.
 *
 * Errors are JSON in the GraphQL error shape.
 */
export function audienceRoutes(
  service: AnalyticsService,
  verifyToken: TokenVerifier,
  logger: Logger,
): (app: express.Express) => void {
  const route = (
    app: express.Express,
    path: string,
    file: (query: Record<string, unknown>) => Promise<AudienceFile>,
  ) =>
    app.get(path, async (req, res) => {
      try {
        await assertCoordinator(verifyToken, req.headers.authorization);
        const result = await file(req.query as Record<string, unknown>);
        res
          .status(200)
          .set({
            'content-type': result.contentType,
            'content-disposition': `attachment; filename="${result.fileName}"`,
            'cache-control': 'no-store',
            'x-row-count': String(result.rows),
          })
          .send(result.body);
      } catch (error) {
        const { status, body } = routeErrorResponse(error);
        if (status === 500) logger.error({ err: error, path }, 'audience export failed');
        res.status(status).json(body);
      }
    });
  return (app) => {
    route(app, AUDIENCE_CSV_PATH, async (query) => {
      const format = parseCsvFormat(query);
      const csv = await service.audienceCsv(parseAudienceQuery(query), format);
      return {
        contentType: 'text/csv; charset=utf-8; header=present',
        fileName: format === 'csv' ? 'audience.csv' : 'zielgruppe.csv',
        body: `\uFEFF${csv.body}`,
        rows: csv.rows,
      };
    });
    route(app, AUDIENCE_XLSX_PATH, async (query) => {
      assertXlsxFormat(query);
      const xlsx = await service.audienceXlsx(parseAudienceQuery(query));
      return {
        contentType: XLSX_CONTENT_TYPE,
        fileName: 'zielgruppe.xlsx',
        body: xlsx.body,
        rows: xlsx.rows,
      };
    });
  };
}
