import { type CsvError, parse } from 'csv-parse/sync';
import type { ImportError } from './model';

/** One data row of a CSV file: the line it starts on and its cells by header name. */
export interface RawRow {
  /** 1-based line where the row starts (a quoted cell may continue on later lines). */
  line: number;
  values: Record<string, string>;
}

/** A CSV file as read: its header, its rows and the rows that could not be read at all. */
export interface ParsedCsv {
  file: string;
  /** The header row's cells, trimmed; empty when the file has no header. */
  header: string[];
  /** The line the header is on (1 unless blank lines come first). */
  headerLine: number;
  rows: RawRow[];
  /** Problems of the file's structure (unreadable rows, wrong field counts). */
  errors: ImportError[];
}

/** What the parser reports, in file order: a record and where it ends, or a skipped row. */
type ParseEvent = { record: string[]; end: number } | { error: CsvError };

/**
 * Reads a CSV file (UTF-8, comma-separated, RFC 4180 quotes, header row, BOM tolerated) into rows
 * with the line each row starts on. Pure: it gets the bytes, not a path.
 *
 * Line numbers are computed from the byte offsets csv-parse reports rather than from its own line
 * counter, because that counter counts a CRLF inside a quoted cell as two lines.
 *
 * @param file - the name used in error messages, e.g. `partners.csv`
 * @param content - the file's bytes (or text)
 * @returns the header and rows; rows with the wrong number of fields are reported in `errors`
 * and left out. After a quoting error the rest of the file is not trusted and not read.
 */
export function parseCsv(file: string, content: Buffer | string): ParsedCsv {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const lines = new LineIndex(bytes);
  const result: ParsedCsv = { file, header: [], headerLine: 1, rows: [], errors: [] };
  let previousEnd = 0;
  for (const event of readEvents(bytes)) {
    const line = lines.firstLineFrom(previousEnd);
    if ('error' in event) {
      result.errors.push({ file, line, message: describeCsvError(event.error, result.header) });
      if (event.error.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') return result;
      previousEnd = typeof event.error.bytes === 'number' ? event.error.bytes : previousEnd;
      continue;
    }
    previousEnd = event.end;
    if (result.header.length === 0) {
      result.header = event.record.map((name) => name.trim());
      result.headerLine = line;
      continue;
    }
    const values = Object.fromEntries(
      result.header.map((name, i) => [name, event.record[i] ?? '']),
    );
    result.rows.push({ line, values });
  }
  if (result.header.length === 0 && result.errors.length === 0) {
    result.errors.push({ file, line: 1, message: 'expected a header row, got an empty file' });
  }
  return result;
}

/** Runs csv-parse and returns its records and skipped rows in the order they occur. */
function readEvents(bytes: Buffer): ParseEvent[] {
  const events: ParseEvent[] = [];
  parse(bytes, {
    bom: true,
    delimiter: ',',
    // Our own header handling: the header's end offset is needed for the first row's line.
    columns: false,
    relax_column_count: false,
    skip_empty_lines: true,
    // Skip bad rows instead of stopping, so that every bad row is reported in one run.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) events.push({ error });
      return undefined;
    },
    on_record: (record: string[], context) => {
      events.push({ record, end: context.bytes });
      return null;
    },
  });
  return events;
}

/** Turns a csv-parse error into an "expected X, got Y" message without its (CRLF-skewed) line. */
function describeCsvError(error: CsvError, header: readonly string[]): string {
  const rest = 'the rest of the file was not read';
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(error.record) ? error.record.length : 'another number of';
      return `expected ${header.length} fields as in the header, got ${got}`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return `expected a closing quote, got the end of the file; ${rest}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `expected a comma or a line end after a closing quote, got more text; ${rest}`;
    case 'INVALID_OPENING_QUOTE':
      return `expected a quote only at the start of a cell, got one inside a cell; ${rest}`;
    default:
      return `expected a well-formed CSV row, got ${error.code}; ${rest}`;
  }
}

const CR = 0x0d;
const LF = 0x0a;

/** Byte offsets where lines start; CRLF, LF and a lone CR each end a line. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly bytes: Buffer) {
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i];
      if (byte === LF || (byte === CR && bytes[i + 1] !== LF)) this.starts.push(i + 1);
    }
  }

  /** The line of the first byte at or after `offset` that is not a line break (skips blank lines). */
  firstLineFrom(offset: number): number {
    let position = offset;
    while (position < this.bytes.length && isLineBreak(this.bytes[position])) position += 1;
    return this.lineAt(position);
  }

  private lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

function isLineBreak(byte: number | undefined): boolean {
  return byte === CR || byte === LF;
}
