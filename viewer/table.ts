import { enumName, t, type TextKey } from './i18n';
import { type ApiNode, containsFolded, distinctDimensions } from './network-data';

/** One partner as a row of the table view. */
export interface PartnerRow {
  node: ApiNode;
  /** Names of the partners it cooperated with (its neighbours in the whole network), sorted. */
  partners: string[];
}

type Column = 'name' | 'sector' | 'district' | 'dimensions' | 'degree' | 'partners';

const COLUMNS: readonly { key: Column; text: TextKey; numeric?: boolean }[] = [
  { key: 'name', text: 'colName' },
  { key: 'sector', text: 'colSector' },
  { key: 'district', text: 'colDistrict' },
  { key: 'dimensions', text: 'colDimensions' },
  { key: 'degree', text: 'colDegree', numeric: true },
  { key: 'partners', text: 'colPartners' },
];

/** At most this many partner names in a cell; the rest is counted ("+ 12"). */
const PARTNERS_SHOWN = 6;

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** How the table view reads the page's state and tells it about a chosen partner. */
export interface TableOptions {
  table: HTMLTableElement;
  filterInput: HTMLInputElement;
  count: HTMLElement;
  /** Whether a partner passes the page's filters (dimension, sector, district). */
  passes(node: ApiNode): boolean;
  /** A dimension key's name in the page's language. */
  dimensionName(key: string): string;
  /** Opens a partner in the side panel. */
  select(id: string): void;
}

/**
 * The accessible alternative to the canvas: a semantic table of every partner with its sector,
 * district, dimensions and cooperation partners. Column headers are buttons that sort (the header
 * carries `aria-sort`), a text field filters, and the arrow keys move between the rows' buttons.
 */
export class PartnerTable {
  private sort: { column: Column; direction: 'ascending' | 'descending' } = {
    column: 'name',
    direction: 'ascending',
  };

  constructor(
    private readonly rows: PartnerRow[],
    private readonly options: TableOptions,
  ) {
    options.filterInput.addEventListener('input', () => this.render());
    options.table.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Draws the header and the rows that pass the filters, in the current order and language. */
  render(): void {
    const { table, filterInput, count } = this.options;
    const head = document.createElement('thead');
    const headRow = head.insertRow();
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      if (column.numeric) th.className = 'numeric';
      if (this.sort.column === column.key) th.setAttribute('aria-sort', this.sort.direction);
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.column = column.key;
      button.textContent = t(column.text);
      button.title = t('sortBy', { column: t(column.text) });
      button.addEventListener('click', () => this.sortBy(column.key));
      th.append(button);
      headRow.append(th);
    }
    const body = document.createElement('tbody');
    const query = filterInput.value.trim();
    const shown = this.sorted().filter(
      (row) => this.options.passes(row.node) && (query === '' || this.matches(row, query)),
    );
    for (const row of shown) body.append(this.rowElement(row));
    const caption = document.createElement('caption');
    caption.textContent = t('tableCaption');
    table.replaceChildren(caption, head, body);
    count.textContent = t('tableCount', { shown: shown.length, total: this.rows.length });
    table.dataset.rows = String(shown.length);
  }

  private sortBy(column: Column): void {
    const same = this.sort.column === column;
    this.sort = {
      column,
      direction: same && this.sort.direction === 'ascending' ? 'descending' : 'ascending',
    };
    this.render();
    this.options.table
      .querySelector<HTMLButtonElement>(`th button[data-column="${column}"]`)
      ?.focus();
  }

  private sorted(): PartnerRow[] {
    const sign = this.sort.direction === 'ascending' ? 1 : -1;
    const key = (row: PartnerRow): string | number => this.cellValue(row, this.sort.column);
    return [...this.rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : collator.compare(String(x), String(y));
      return sign * order || collator.compare(a.node.label, b.node.label);
    });
  }

  private cellValue(row: PartnerRow, column: Column): string | number {
    const { node } = row;
    switch (column) {
      case 'name':
        return node.label;
      case 'sector':
        return enumName(node.sector);
      case 'district':
        return node.districtName ?? '';
      case 'dimensions':
        return this.dimensionNames(node).join(', ');
      case 'degree':
        return node.degree;
      case 'partners':
        return row.partners.length;
    }
  }

  private dimensionNames(node: ApiNode): string[] {
    return distinctDimensions(node).map((key) => this.options.dimensionName(key));
  }

  private matches(row: PartnerRow, query: string): boolean {
    const { node } = row;
    return [
      node.label,
      node.districtName ?? '',
      enumName(node.sector),
      ...this.dimensionNames(node),
    ].some((text) => containsFolded(text, query));
  }

  private rowElement(row: PartnerRow): HTMLTableRowElement {
    const { node } = row;
    const tr = document.createElement('tr');
    tr.dataset.partner = node.id;
    const nameCell = document.createElement('th');
    nameCell.scope = 'row';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'row-select';
    button.textContent = node.label;
    button.setAttribute('aria-label', t('showInPanel', { name: node.label }));
    button.addEventListener('click', () => this.options.select(node.id));
    nameCell.append(button);
    tr.append(nameCell);
    const cells: (string | number)[] = [
      enumName(node.sector),
      node.districtName ?? t('none'),
      this.dimensionNames(node).join(', ') || t('none'),
      node.degree,
      partnerList(row.partners),
    ];
    cells.forEach((value, index) => {
      const td = tr.insertCell();
      td.textContent = String(value);
      if (index === 3) td.className = 'numeric';
    });
    return tr;
  }

  /** Arrow keys (and Home/End) move the focus between the rows' buttons, like a list. */
  private onKey(event: KeyboardEvent): void {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || !target.classList.contains('row-select')) return;
    const buttons = [
      ...this.options.table.querySelectorAll<HTMLButtonElement>('button.row-select'),
    ];
    const at = buttons.indexOf(target);
    const next: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const index = next[event.key];
    if (index === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(index, buttons.length - 1))]?.focus();
  }
}

function partnerList(names: string[]): string {
  if (names.length === 0) return t('none');
  const shown = names.slice(0, PARTNERS_SHOWN).join(', ');
  return names.length > PARTNERS_SHOWN ? `${shown} (+ ${names.length - PARTNERS_SHOWN})` : shown;
}
