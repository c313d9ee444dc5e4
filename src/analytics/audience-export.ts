import {
  germanLabel,
  PARTNER_KIND_DE,
  PARTNER_SCOPE_DE,
  PARTNER_STATUS_DE,
  PERSPECTIVE_DE,
  SECTOR_DE,
} from '../common/labels-de';

/**
 * The audience export as a table: its columns, their headers in both languages and the values of
 * one partner, shared by the CSV (both dialects, audience-csv.ts) and the Excel workbook
 * (audience-xlsx.ts), so the three files always hold the same partners, columns and values.
 */

/** A dimension a partner of the export engages in, with its German name. */
export interface AudienceDimension {
  key: string;
  /** `Dimension.nameDe`. */
  name: string;
  perspective: string;
}

/** One partner of the export, private contact data included (coordinators only). */
export interface AudienceExportRow {
  id: string;
  name: string;
  sector: string;
  kind: string;
  status: string;
  /** Wirkungsbereich; NEIGHBOURHOOD when the partner said nothing. */
  scope: string;
  district: string | null;
  borough: string | null;
  /** Sorted by key, then perspective. */
  dimensions: AudienceDimension[];
  contactName: string | null;
  contactEmail: string | null;
  cooperationCount: number;
  /** `YYYY-MM-DD`. */
  joinedOn: string;
  /**
   * The latest day it was active, `YYYY-MM-DD`, as `inactivePartners` counts it: a cooperation it
   * took part in (its end, or its start while it runs) or an event it attended; `null` for a
   * partner that never did either. Unlike `Partner.lastActiveOn` it never falls back to the
   * joining date: in a list for outreach, joining is not activity.
   */
  lastActivityOn: string | null;
}

/** How a column's values are typed: dates are `YYYY-MM-DD` texts until a format writes them. */
export type AudienceColumnType = 'text' | 'number' | 'date';

/** The language of a table: API codes for programs, German words for people. */
export type AudienceTableLanguage = 'codes' | 'de';

/** One column of the export. */
export interface AudienceColumn {
  /** The header for programs: the field's name. */
  key: string;
  /** The header for people (German CSV, xlsx). */
  de: string;
  type: AudienceColumnType;
  /** Width in characters in the xlsx. */
  width: number;
  value: (row: AudienceExportRow, language: AudienceTableLanguage) => string | number | null;
}

/** A code, or its German word in a German table. */
const label =
  (labels: Readonly<Record<string, string>>, field: 'sector' | 'kind' | 'status' | 'scope') =>
  (row: AudienceExportRow, language: AudienceTableLanguage) =>
    language === 'de' ? germanLabel(labels, row[field]) : row[field];

/**
 * A partner's engagements in one cell: `age:SERVICE,religion:COMMUNITY` for programs (like the
 * network exports), `Lebensalter (Soziale Dienstleistung), Religion & Weltanschauung (Community)`
 * for people; empty when it named none.
 */
function dimensionsCell(row: AudienceExportRow, language: AudienceTableLanguage): string | null {
  if (row.dimensions.length === 0) return null;
  return language === 'de'
    ? row.dimensions
        .map((d) => `${d.name} (${germanLabel(PERSPECTIVE_DE, d.perspective)})`)
        .join(', ')
    : row.dimensions.map((d) => `${d.key}:${d.perspective}`).join(',');
}

/** The export's columns, in order. */
export const AUDIENCE_COLUMNS: readonly AudienceColumn[] = [
  { key: 'id', de: 'ID', type: 'text', width: 10, value: (r) => r.id },
  { key: 'name', de: 'Name', type: 'text', width: 40, value: (r) => r.name },
  { key: 'sector', de: 'Sektor', type: 'text', width: 18, value: label(SECTOR_DE, 'sector') },
  { key: 'kind', de: 'Art', type: 'text', width: 26, value: label(PARTNER_KIND_DE, 'kind') },
  {
    key: 'status',
    de: 'Status',
    type: 'text',
    width: 12,
    value: label(PARTNER_STATUS_DE, 'status'),
  },
  {
    key: 'scope',
    de: 'Wirkungsbereich',
    type: 'text',
    width: 16,
    value: label(PARTNER_SCOPE_DE, 'scope'),
  },
  { key: 'district', de: 'Stadtteil', type: 'text', width: 20, value: (r) => r.district },
  { key: 'borough', de: 'Stadtbezirk', type: 'text', width: 20, value: (r) => r.borough },
  { key: 'dimensions', de: 'Vielfaltsdimensionen', type: 'text', width: 50, value: dimensionsCell },
  {
    key: 'contactName',
    de: 'Ansprechperson',
    type: 'text',
    width: 24,
    value: (r) => r.contactName,
  },
  { key: 'contactEmail', de: 'E-Mail', type: 'text', width: 30, value: (r) => r.contactEmail },
  {
    key: 'cooperationCount',
    de: 'Kooperationen',
    type: 'number',
    width: 14,
    value: (r) => r.cooperationCount,
  },
  { key: 'joinedOn', de: 'Beigetreten am', type: 'date', width: 14, value: (r) => r.joinedOn },
  {
    key: 'lastActivityOn',
    de: 'Letzte Aktivität am',
    type: 'date',
    width: 18,
    value: (r) => r.lastActivityOn,
  },
];

/** The export as headers and cells; dates stay `YYYY-MM-DD` for the format to write. */
export interface AudienceTable {
  columns: { header: string; type: AudienceColumnType; width: number }[];
  rows: (string | number | null)[][];
}

/** The table of an audience, with code or German headers and values. */
export function audienceTable(
  rows: readonly AudienceExportRow[],
  language: AudienceTableLanguage,
): AudienceTable {
  return {
    columns: AUDIENCE_COLUMNS.map((column) => ({
      header: language === 'de' ? column.de : column.key,
      type: column.type,
      width: column.width,
    })),
    rows: rows.map((row) => AUDIENCE_COLUMNS.map((column) => column.value(row, language))),
  };
}
