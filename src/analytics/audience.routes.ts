import type express from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate';
import { Role } from '../auth/auth.types';
import type { TokenVerifier } from '../auth/tokens';
import { ErrorCode, userError } from '../common/errors';
import type { AnalyticsService } from './analytics.service';
import { parseAudienceQuery } from './audience';
import { parseCsvFormat } from './audience-csv';
import { routeErrorResponse } from '../common/route-errors';

/** Path of the audience CSV export. */
export const AUDIENCE_CSV_PATH = '/export/audience.csv';

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
 * The route `GET /export/audience.csv?dimensions=…&topics=…&districts=…` (further parameters:
 * boroughs, sectors, statuses, perspective, activeSince, inactiveSince, format): the audience with
 * contact data as RFC 4180 CSV, or with `format=excel-de` as German Excel reads it (`;`, German
 * headers), both UTF-8 with BOM so spreadsheets read umlauts; for coordinators only.
 * Errors are JSON in the GraphQL error shape.
 */
export function audienceRoutes(
  service: AnalyticsService,
  verifyToken: TokenVerifier,
  logger: Logger,
): (app: express.Express) => void {
  return (app) => {
    app.get(AUDIENCE_CSV_PATH, async (req, res) => {
      try {
        await assertCoordinator(verifyToken, req.headers.authorization);
        const query = req.query as Record<string, unknown>;
        const format = parseCsvFormat(query);
        const csv = await service.audienceCsv(parseAudienceQuery(query), format);
        res
          .status(200)
          .set({
            'content-type': 'text/csv; charset=utf-8; header=present',
            'content-disposition': `attachment; filename="${format === 'csv' ? 'audience' : 'zielgruppe'}.csv"`,
            'cache-control': 'no-store',
            'x-row-count': String(csv.rows),
          })
          .send(`\uFEFF${csv.body}`);
      } catch (error) {
        const { status, body } = routeErrorResponse(error);
        if (status === 500)
          logger.error({ err: error, path: AUDIENCE_CSV_PATH }, 'audience export failed');
        res.status(status).json(body);
      }
    });
  };
}
