import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import { CooperationKind } from '../cooperations/cooperation.types';
import type { Partner } from '../partners/partner.types';
import {
  assertYear,
  assertYearRange,
  sectorMatrix,
  type SectorMatrixData,
  trendDirection,
  trendWindows,
  overviewYears,
  type YearFigures,
} from './aggregates';
import type { AnalyticsRepository } from './analytics.repository';
import { isCalendarDay, MAX_CSV_ROWS, normaliseAudienceFilter } from './audience';
import { audienceCsv, type CsvFormat } from './audience-csv';
import type { AudienceExportRow } from './audience-export';
import { audienceXlsx } from './audience-xlsx';
import type { AudienceFilter } from './audience.types';
import type {
  DimensionCoverage,
  DistrictCoverage,
  InactivePartner,
  NetworkOverview,
} from './aggregates.types';

/** How many upcoming meetings and trainings an inactive partner is offered as first steps. */
export const UPCOMING_EVENTS = 3;

/** Tuning of {@link AnalyticsService}. */
export interface AnalyticsServiceOptions {
  /**
   * The clock: today decides which meetings are upcoming and until when open cooperations run.
   * @default () => new Date()
   */
  now?: () => Date;
}

/** Omitted or empty kinds mean every kind. */
function kindsOrAll(kinds: readonly CooperationKind[] | null | undefined): CooperationKind[] {
  return kinds?.length ? [...new Set(kinds)] : Object.values(CooperationKind);
}

function assertDay(argument: string, day: string): void {
  if (!isCalendarDay(day)) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected ${argument} to be a date YYYY-MM-DD, got ${JSON.stringify(day.slice(0, 40))}`,
      { argument },
    );
  }
}

/**
 * The coordinators' aggregate analytics: where the network is thin, year by year, per dimension,
 * sector and district; who signed but takes no part; whom to invite for an offer. Each figure is
 * one Cypher round trip; the shaping is pure ({@link overviewYears}, {@link sectorMatrix}).
 */
export class AnalyticsService {
  private readonly now: () => Date;

  constructor(
    private readonly repository: AnalyticsRepository,
    options: AnalyticsServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The talk's figures per year. Omitted bounds come from the data (first signature, latest
   * activity), at most 50 years.
   * @throws BAD_USER_INPUT for years out of range, `from` after `to` or more than 50 years
   */
  async overview(from: number | null, to: number | null): Promise<NetworkOverview> {
    const range = { from, to };
    assertYearRange(range);
    const rows = await this.repository.overview(range, this.now().getUTCFullYear());
    const years: YearFigures[] = overviewYears(rows);
    return { from: rows.fromYear, to: rows.toYear, years };
  }

  /**
   * Coverage of every dimension, with the trend of cooperations started in the two full years
   * before the reference year vs the two before those.
   * @throws BAD_USER_INPUT for a reference year out of range
   */
  async dimensionCoverage(
    kinds: readonly CooperationKind[] | null | undefined,
    referenceYear: number | null,
  ): Promise<DimensionCoverage[]> {
    assertYear('referenceYear', referenceYear);
    const rows = await this.repository.dimensionCoverage(
      kindsOrAll(kinds),
      referenceYear,
      this.now().getUTCFullYear(),
    );
    return rows.map(({ referenceYear: year, recent, previous, ...row }) => ({
      ...row,
      trend: {
        referenceYear: year,
        ...trendWindows(year),
        recent,
        previous,
        change: recent - previous,
        direction: trendDirection(recent, previous),
      },
    }));
  }

  /** Partner-pair links between sectors vs expected by the sectors' sizes. */
  async sectorMatrix(
    kinds: readonly CooperationKind[] | null | undefined,
  ): Promise<SectorMatrixData> {
    const rows = await this.repository.sectorMatrix(kindsOrAll(kinds));
    return sectorMatrix(rows.sizes, rows.pairs);
  }

  /** Every district with its partners, cooperations and action-day events; `empty` flags gaps. */
  async districtCoverage(): Promise<DistrictCoverage[]> {
    const rows = await this.repository.districtCoverage();
    return rows.map((row) => ({ ...row, empty: row.partners === 0 }));
  }

  /**
   * Members (ACTIVE or PAUSED) who took part in nothing since a date, longest-standing first,
   * each with the next meetings and trainings (one query for the page, not per partner).
   * @throws BAD_USER_INPUT for a malformed date, page size or cursor (cursors belong to one date)
   */
  inactivePartners(since: string, args: ConnectionArgs): Promise<Page<InactivePartner>> {
    assertDay('since', since);
    const order = { field: 'JOINED_ON', direction: 'ASC' };
    return orderedConnection(`inactivePartners:${since}`, args, order, {
      rows: async (_order, request) => {
        const [rows, upcomingEvents] = await Promise.all([
          this.repository.inactivePage(since, request),
          this.repository.upcomingEvents(this.today(), UPCOMING_EVENTS),
        ]);
        return rows.map(({ node, key }) => ({
          node: { ...node, neverActive: node.lastActivityOn === null, upcomingEvents },
          key,
        }));
      },
      count: () => this.repository.inactiveCount(since),
    });
  }

  /**
   * The partners to invite for an offer, by name.
   * @throws BAD_USER_INPUT for a filter {@link normaliseAudienceFilter} refuses, bad page sizes
   *   or cursors
   */
  audience(filter: AudienceFilter, args: ConnectionArgs): Promise<Page<Partner>> {
    const normalised = normaliseAudienceFilter(filter);
    return orderedConnection(
      'audience',
      args,
      { field: 'NAME', direction: 'ASC' },
      {
        rows: (_order, request) => this.repository.audiencePage(normalised, request),
        count: () => this.repository.audienceCount(normalised),
      },
    );
  }

  /**
   * The audience with contact data, for the exports (coordinators only: the caller checks).
   * @throws BAD_USER_INPUT for a filter {@link normaliseAudienceFilter} refuses, or an audience
   *   larger than {@link MAX_CSV_ROWS}
   */
  async audienceExportRows(filter: AudienceFilter): Promise<AudienceExportRow[]> {
    const normalised = normaliseAudienceFilter(filter);
    const rows = await this.repository.audienceCsvRows(normalised, MAX_CSV_ROWS + 1);
    if (rows.length > MAX_CSV_ROWS) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected a filter matching at most ${MAX_CSV_ROWS} partners, got more; narrow it`,
        { argument: 'filter' },
      );
    }
    return rows;
  }

  /**
   * The audience as CSV with contact data, for mailings (coordinators only: the caller checks).
   * @throws as {@link audienceExportRows}
   */
  async audienceCsv(
    filter: AudienceFilter,
    format: CsvFormat,
  ): Promise<{ body: string; rows: number }> {
    const rows = await this.audienceExportRows(filter);
    return { body: audienceCsv(rows, format), rows: rows.length };
  }

  /**
   * The audience as an Excel workbook with contact data (coordinators only: the caller checks).
   * @throws as {@link audienceExportRows}
   */
  async audienceXlsx(filter: AudienceFilter): Promise<{ body: Buffer; rows: number }> {
    const rows = await this.audienceExportRows(filter);
    return { body: await audienceXlsx(rows), rows: rows.length };
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}
