import { badParameter, singleParameter } from './audience';

/**
 * The audience export as CSV: RFC 4180 for programs, or German Excel (`excel-de`) for people.
 * Both quote every cell a spreadsheet could split and neutralise formulas wherever a spreadsheet
 * could start one, because coordinators open the file in Excel and partner names are user input.
 */

/** The formats of `GET /export/audience.csv?format=…`. */
export const CSV_FORMATS = ['csv', 'excel-de'] as const;
/** One of {@link CSV_FORMATS}. */
export type CsvFormat = (typeof CSV_FORMATS)[number];

/**
 * Reads `format` (default `csv`).
 *
 * @throws BAD_USER_INPUT (with `extensions.parameter`) for an unknown or repeated format
 */
export function parseCsvFormat(query: Record<string, unknown>): CsvFormat {
  const format = singleParameter(query, 'format') ?? 'csv';
  if (!(CSV_FORMATS as readonly string[]).includes(format)) {
    throw badParameter(
      'format',
      `expected format to be one of ${CSV_FORMATS.join(', ')}, got ${JSON.stringify(format.slice(0, 40))}`,
    );
  }
  return format as CsvFormat;
}

/**
 * A formula start: at the beginning of the cell (`= + - @`, tab, carriage return), or `= + - @`
 * after a separator of either dialect or a line break (with spaces between). The second case is
 * for readers that split a quoted cell anyway, such as German Excel splitting on `;` a file it
 * took for comma-separated (`Verein;=1+1;Jungbusch`).
 */
const FORMULA_START = /^[=+\-@\t\r]|(?<=[,;\r\n][ \t]*)[=+\-@]/g;

/**
 * One CSV cell: every formula start gets an apostrophe before it, so a spreadsheet shows text
 * instead of running it; a cell with either separator (`,` `;`), a quote or a line break is
 * quoted, quotes doubled (RFC 4180), so it stays one cell in both dialects. `null` is an empty
 * cell; numbers are written as they are (a spreadsheet reads them as numbers anyway).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = value.replace(FORMULA_START, (start) => `'${start}`);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: a header line, then one line per row, each ended by CRLF.
 *
 * @param separator - `,` (RFC 4180) or `;` (what German Excel expects)
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  separator: ',' | ';' = ',',
): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(separator)}\r\n`).join('');
}

/** One partner of the CSV export, private contact data included (coordinators only). */
export interface AudienceCsvRow {
  id: string;
  name: string;
  sector: string;
  kind: string;
  status: string;
  district: string | null;
  contactName: string | null;
  contactEmail: string | null;
  joinedOn: string;
  lastActiveOn: string;
}

/** The CSV export's columns, in order, with their German headers for `excel-de`. */
export const AUDIENCE_CSV_COLUMNS: readonly (readonly [keyof AudienceCsvRow, string])[] = [
  ['id', 'ID'],
  ['name', 'Name'],
  ['sector', 'Sektor'],
  ['kind', 'Art'],
  ['status', 'Status'],
  ['district', 'Stadtteil'],
  ['contactName', 'Ansprechperson'],
  ['contactEmail', 'E-Mail'],
  ['joinedOn', 'Beigetreten am'],
  ['lastActiveOn', 'Zuletzt aktiv am'],
];

/**
 * German words for the codes people read first in `excel-de`; other codes (the kind of
 * organisation) stay as the API names them, which a sheet can filter on as well.
 */
const GERMAN_VALUES: Partial<Record<keyof AudienceCsvRow, Readonly<Record<string, string>>>> = {
  sector: {
    CIVIL_SOCIETY: 'Zivilgesellschaft',
    BUSINESS: 'Wirtschaft',
    POLITICS: 'Politik',
    ADMINISTRATION: 'Verwaltung',
  },
  status: { APPLIED: 'beantragt', ACTIVE: 'aktiv', PAUSED: 'pausiert', LEFT: 'ausgetreten' },
};

/** The CSV of an audience, one line per partner, in the given format. */
export function audienceCsv(rows: readonly AudienceCsvRow[], format: CsvFormat = 'csv'): string {
  const german = format === 'excel-de';
  const header = AUDIENCE_CSV_COLUMNS.map(([key, de]) => (german ? de : key));
  const cells = rows.map((row) =>
    AUDIENCE_CSV_COLUMNS.map(([key]) => {
      const value = row[key];
      return german && value !== null ? (GERMAN_VALUES[key]?.[value] ?? value) : value;
    }),
  );
  return toCsv(header, cells, german ? ';' : ',');
}
