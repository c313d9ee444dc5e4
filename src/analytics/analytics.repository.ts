import type { PageRequest, SortKey } from '../common/pagination';
import type { CooperationKind } from '../cooperations/cooperation.types';
import type { CypherExecutor } from '../db/executor';
import { fromNeo4j } from '../db/values';
import type { Dimension } from '../dimensions/dimension.types';
import type { District } from '../districts/district.types';
import type { AllianceEvent } from '../events/event.types';
import type { Partner, Sector } from '../partners/partner.types';
import type { KindCount, OverviewRows, YearRange } from './aggregates';
import { aggregateQueries } from './aggregates.queries';
import type { NormalisedAudienceFilter } from './audience';
import type { AudienceExportRow } from './audience-export';
import { audienceQueries } from './audience.queries';
import type { PerspectiveCount } from './analytics.types';

/** One dimension's row of the coverage query. */
export interface DimensionCoverageRow {
  referenceYear: number;
  dimension: Dimension;
  partners: number;
  partnersByPerspective: PerspectiveCount[];
  cooperations: number;
  cooperationsByKind: KindCount[];
  cooperationsByPerspective: PerspectiveCount[];
  recent: number;
  previous: number;
}

/** What the sector matrix query returns. */
export interface SectorMatrixRows {
  sizes: { sector: Sector; partners: number }[];
  pairs: { sectors: [Sector, Sector]; links: number; cooperations: number }[];
}

/** One district's row of the coverage query. */
export interface DistrictCoverageRow {
  district: District;
  partners: number;
  cooperations: number;
  actionDayEvents: number;
}

/** An inactive member as read, with its sort key. */
export interface InactiveRow {
  node: { partner: Partner; lastActivityOn: string | null };
  key: SortKey;
}

/** Runs the analytics' Cypher (aggregates and audience); each method is one round trip. */
export class AnalyticsRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** The grouped rows of `networkOverview`. */
  async overview(range: YearRange, currentYear: number): Promise<OverviewRows> {
    const [rows] = await this.executor.read(
      aggregateQueries.overview(range, currentYear),
      (r) => fromNeo4j<OverviewRows>(r.toObject()),
      'networkOverview',
    );
    if (!rows) throw new Error('the overview query returned no row');
    return rows;
  }

  /** One row per dimension, ordered by key. */
  dimensionCoverage(
    kinds: readonly CooperationKind[],
    referenceYear: number | null,
    currentYear: number,
  ): Promise<DimensionCoverageRow[]> {
    return this.executor.read(
      aggregateQueries.dimensionCoverage(kinds, referenceYear, currentYear),
      (r) => fromNeo4j<DimensionCoverageRow>(r.toObject()),
      'dimensionCoverage',
    );
  }

  /** Sector sizes and observed links per sector pair. */
  async sectorMatrix(kinds: readonly CooperationKind[]): Promise<SectorMatrixRows> {
    const [rows] = await this.executor.read(
      aggregateQueries.sectorMatrix(kinds),
      (r) => fromNeo4j<SectorMatrixRows>(r.toObject()),
      'sectorMatrix',
    );
    return rows ?? { sizes: [], pairs: [] };
  }

  /** One row per district, ordered by name. */
  districtCoverage(): Promise<DistrictCoverageRow[]> {
    return this.executor.read(
      aggregateQueries.districtCoverage(),
      (r) => fromNeo4j<DistrictCoverageRow>(r.toObject()),
      'districtCoverage',
    );
  }

  /** One page of members inactive since a date (limit + 1 rows, in request direction). */
  inactivePage(since: string, request: PageRequest): Promise<InactiveRow[]> {
    return this.executor.read(
      aggregateQueries.inactivePage(since, request),
      (r) => {
        const partner = fromNeo4j<Partner>(r.get('partner'));
        return {
          node: { partner, lastActivityOn: fromNeo4j<string | null>(r.get('lastActivityOn')) },
          key: [fromNeo4j<string>(r.get('sortValue')), partner.id] as SortKey,
        };
      },
      'inactivePartners',
    );
  }

  /** How many members are inactive since a date. */
  async inactiveCount(since: string): Promise<number> {
    const [total] = await this.executor.read(
      aggregateQueries.inactiveCount(since),
      (r) => fromNeo4j<number>(r.get('total')),
      'inactivePartnersCount',
    );
    return total ?? 0;
  }

  /** The next meetings and trainings from a day on. */
  upcomingEvents(today: string, limit: number): Promise<AllianceEvent[]> {
    return this.executor.read(
      aggregateQueries.upcomingEvents(today, limit),
      (r) => fromNeo4j<AllianceEvent>(r.get('event')),
      'upcomingEvents',
    );
  }

  /** One page of an audience (limit + 1 rows, in request direction). */
  audiencePage(filter: NormalisedAudienceFilter, request: PageRequest) {
    return this.executor.read(
      audienceQueries.page(filter, request),
      (r) => {
        const node = fromNeo4j<Partner>(r.get('partner'));
        return { node, key: [fromNeo4j<string>(r.get('sortValue')), node.id] as SortKey };
      },
      'audience',
    );
  }

  /** How many partners an audience holds. */
  async audienceCount(filter: NormalisedAudienceFilter): Promise<number> {
    const [total] = await this.executor.read(
      audienceQueries.count(filter),
      (r) => fromNeo4j<number>(r.get('total')),
      'audienceCount',
    );
    return total ?? 0;
  }

  /** Up to `limit` partners of an audience with their contact data, for the exports. */
  audienceCsvRows(filter: NormalisedAudienceFilter, limit: number): Promise<AudienceExportRow[]> {
    return this.executor.read(
      audienceQueries.csvRows(filter, limit),
      (r) => fromNeo4j<AudienceExportRow>(r.get('row')),
      'audienceCsv',
    );
  }
}
