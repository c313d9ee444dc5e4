/**
 * CSV for spreadsheets, shared by the audience export (src/analytics/audience-csv.ts) and the
 * network's node table (src/network/network.export.ts): RFC 4180 with `,`, or German Excel with
 * `;` and decimal commas. Pure and free of GraphQL: the network worker loads it.
 */

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

/** `2016-06-21` → `21.06.2016`, the date German Excel recognises; other text stays. */
export function germanDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : day;
}
