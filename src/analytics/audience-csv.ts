import { badParameter, singleParameter } from './audience';
import { germanDate, toCsv } from '../common/csv';
import { type AudienceExportRow, audienceTable } from './audience-export';

/**
 * The audience export as CSV: RFC 4180 for programs, or German Excel (`excel-de`) for people.
 * Both quote every cell a spreadsheet could split and neutralise formulas wherever a spreadsheet
 * could start one (src/common/csv.ts), because coordinators open the file in Excel and partner
 * names are user input.
 */

/** The formats of `GET /export/audience.csv?format=…` (the xlsx has its own path). */
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
    const xlsx = format === 'xlsx' ? ' (the Excel workbook is GET /export/audience.xlsx)' : '';
    throw badParameter(
      'format',
      `expected format to be one of ${CSV_FORMATS.join(', ')}, got ${JSON.stringify(format.slice(0, 40))}${xlsx}`,
    );
  }
  return format as CsvFormat;
}

// The cell and document writers are shared with the network's CSV (src/common/csv.ts).
export { csvCell, toCsv } from '../common/csv';

/** The audience CSV (both formats) from the export's table (see audience-export.ts). */
export function audienceCsv(rows: readonly AudienceExportRow[], format: CsvFormat = 'csv'): string {
  const german = format === 'excel-de';
  const table = audienceTable(rows, german ? 'de' : 'codes');
  const cells = table.rows.map((row) =>
    row.map((cell, c) =>
      german && table.columns[c]?.type === 'date' && typeof cell === 'string'
        ? germanDate(cell)
        : cell,
    ),
  );
  return toCsv(
    table.columns.map((column) => column.header),
    cells,
    german ? ';' : ',',
  );
}
