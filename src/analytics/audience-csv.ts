import { badParameter, singleParameter } from './audience';
import { type AudienceExportRow, audienceTable, germanDate } from './audience-export';

/**
 * The audience export as CSV: RFC 4180 for programs, or German Excel (`excel-de`) for people.
 * Both quote every cell a spreadsheet could split and neutralise formulas wherever a spreadsheet
 * could start one, because coordinators open the file in Excel and partner names are user input.
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
 * cell; numbers are written as numbers, never neutralised (a spreadsheet reads them as numbers
 * anyway), with a decimal comma when asked for German Excel.
 */
export function csvCell(value: string | number | null | undefined, decimalComma = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const text = String(value);
    // "0,5" is quoted below like any cell with a comma: still one number to German Excel.
    return decimalComma && text.includes('.') ? `"${text.replace('.', ',')}"` : text;
  }
  const text = value.replace(FORMULA_START, (start) => `'${start}`);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: a header line, then one line per row, each ended by CRLF.
 *
 * @param separator - `,` (RFC 4180) or `;` (what German Excel expects, which also wants decimal
 *   commas)
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  separator: ',' | ';' = ',',
): string {
  const decimalComma = separator === ';';
  return [header, ...rows]
    .map((row) => `${row.map((cell) => csvCell(cell, decimalComma)).join(separator)}\r\n`)
    .join('');
}

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
