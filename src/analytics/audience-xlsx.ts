import ExcelJS from 'exceljs';
import { type AudienceExportRow, audienceTable } from './audience-export';

/**
 * The audience export as an Excel workbook (exceljs): German headers and values like the German
 * CSV, but typed cells (dates as dates, counts as numbers), a frozen header row and an autofilter,
 * so a coordinator can sort and filter without importing anything.
 *
 * No formula neutralising is needed here, unlike in the CSV: exceljs writes a string as a string
 * cell, and only an explicit `{formula}` value becomes a formula, so `=HYPERLINK(…)` in a name
 * stays the text it is.
 */

/** Media type of `.xlsx`. */
export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Name of the one worksheet. */
export const AUDIENCE_SHEET = 'Zielgruppe';

/** Characters XML 1.0 cannot carry (a workbook is XML): C0 controls but tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A text as a cell can hold it: without the characters XML cannot carry, line breaks as LF.
 * exceljs writes CR as it is and every XML reader turns it into LF, so the cell would read back
 * differently from what was written; writing LF makes the file say what it will be read as.
 */
function cellText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/\r\n?/g, '\n');
}

/** `YYYY-MM-DD` as the UTC midnight exceljs turns into that day's Excel serial number. */
function day(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

/** The workbook of an audience, as the bytes of an `.xlsx` file. */
export async function audienceXlsx(rows: readonly AudienceExportRow[]): Promise<Buffer> {
  const table = audienceTable(rows, 'de');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'vielfalt-network-api';
  const sheet = workbook.addWorksheet(AUDIENCE_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.type === 'date' ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const cells of table.rows) {
    sheet.addRow(
      cells.map((cell, c) => {
        if (cell === null) return null;
        if (table.columns[c]?.type === 'date' && typeof cell === 'string') return day(cell);
        return typeof cell === 'string' ? cellText(cell) : cell;
      }),
    );
  }
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1 + table.rows.length, column: table.columns.length },
  };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
