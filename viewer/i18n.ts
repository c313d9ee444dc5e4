/**
 * Every text the page shows, one dictionary per language. German is the alliance's working
 * language and the default; English is one click away. Names that come from the API (partners,
 * districts, dimensions) are not here: dimensions have both names in the API, districts only one.
 */

/** The languages of the page. */
export type Language = 'de' | 'en';

const DE = {
  pageTitle: 'Vielfalt-Netzwerk – Ansicht',
  heading: 'Vielfalt-Netzwerk',
  skipToTable: 'Zur Tabelle springen',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  viewsLabel: 'Ansichten',
  viewGraph: 'Netzwerk',
  viewTable: 'Tabelle',
  searchLabel: 'Partner suchen',
  searchPlaceholder: 'Name, z. B. Caritas',
  filtersLabel: 'Filter',
  filterDimension: 'Dimension',
  filterSector: 'Sektor',
  filterDistrict: 'Stadtteil',
  filterKind: 'Kooperationsart',
  filterFrom: 'Ab Jahr',
  filterTo: 'Bis Jahr',
  filterAll: 'alle',
  filterReset: 'Filter zurücksetzen',
  colourBy: 'Farbe nach',
  colourCommunity: 'Gemeinschaft',
  colourDimension: 'Dimension',
  colourSector: 'Sektor',
  legend: 'Legende',
  community: 'Gemeinschaft {n}',
  otherCommunities: 'ohne Gemeinschaft oder kleine',
  severalDimensions: 'mehrere Dimensionen',
  noDimension: 'keine Dimension',
  isolatedGrid: 'Partner ohne Kooperation mit anderen Mitgliedern ({n})',
  graphLabel: 'Netzwerk der Bündnispartner; dieselben Angaben stehen in der Tabelle',
  loading: 'Das Netzwerk wird geladen …',
  applyingFilter: 'Filter wird angewendet …',
  ready: '{nodes} Partner, {edges} Verbindungen, {communities} Gemeinschaften (ab 2 Partnern)',
  readyFiltered: '{nodes} von {total} Partnern, {edges} Verbindungen',
  empty: 'Das Netzwerk ist leer: keine Partner zum Zeichnen.',
  loadFailed: 'Das Netzwerk konnte nicht geladen werden: {message}',
  noCanvas:
    'Die Grafik kann in diesem Browser nicht gezeichnet werden (kein WebGL); die Tabelle zeigt alle Angaben.',
  found: '{count} gefunden: {names}',
  notFound: 'Kein Partner gefunden',
  close: 'Schließen',
  sector: 'Sektor',
  district: 'Stadtteil',
  dimensions: 'Dimensionen',
  degree: 'Kooperationspartner (Grad)',
  status: 'Status',
  suggestionsHeading: 'Vorgeschlagene Partner',
  suggestionsLoading: 'Vorschläge werden geladen …',
  suggestionsNone: 'Derzeit keine Vorschläge.',
  suggestionsInactive: 'Keine Vorschläge: nur aktive Partner erhalten welche, dieser ist {status}.',
  suggestionsFailed: 'Die Vorschläge konnten nicht geladen werden: {message}',
  explain: 'Warum?',
  explainLabel: 'Warum {candidate} zu {partner} passt',
  explainHeading: 'Regeln für {candidate}',
  explainLoading: 'Die Begründung wird geladen …',
  explainFailed: 'Die Begründung konnte nicht geladen werden: {message}',
  rulePassed: 'erfüllt',
  ruleFailed: 'nicht erfüllt',
  tableCaption:
    'Bündnispartner und ihre Kooperationen; Spaltenköpfe sortieren, Pfeiltasten wechseln die Zeile',
  tableFilter: 'Tabelle filtern',
  tableFilterPlaceholder: 'Name, Stadtteil, Dimension …',
  tableCount: '{shown} von {total} Partnern',
  colName: 'Name',
  colSector: 'Sektor',
  colDistrict: 'Stadtteil',
  colDimensions: 'Dimensionen',
  colDegree: 'Verbindungen',
  colPartners: 'Kooperationspartner',
  sortBy: 'Nach {column} sortieren',
  showInPanel: 'Details zu {name}',
  none: '–',
  API_UNREACHABLE: 'die API ist nicht erreichbar',
  API_HTTP: 'die API antwortete mit HTTP {status} ohne GraphQL-Ergebnis',
  API_STATUS: 'die API antwortete mit HTTP {status}',
} as const;

/** The keys of the page's texts. */
export type TextKey = keyof typeof DE;

const EN: Record<TextKey, string> = {
  pageTitle: 'Vielfalt network – viewer',
  heading: 'Vielfalt network',
  skipToTable: 'Skip to the table',
  switchLanguage: 'Deutsch',
  switchLanguageLabel: 'Auf Deutsch umschalten',
  viewsLabel: 'Views',
  viewGraph: 'Network',
  viewTable: 'Table',
  searchLabel: 'Find a partner',
  searchPlaceholder: 'Name, e.g. Caritas',
  filtersLabel: 'Filters',
  filterDimension: 'Dimension',
  filterSector: 'Sector',
  filterDistrict: 'District',
  filterKind: 'Cooperation kind',
  filterFrom: 'From year',
  filterTo: 'To year',
  filterAll: 'all',
  filterReset: 'Reset filters',
  colourBy: 'Colour by',
  colourCommunity: 'Community',
  colourDimension: 'Dimension',
  colourSector: 'Sector',
  legend: 'Legend',
  community: 'Community {n}',
  otherCommunities: 'no or a small community',
  severalDimensions: 'several dimensions',
  noDimension: 'no dimension',
  isolatedGrid: 'Partners without a cooperation with other members ({n})',
  graphLabel: 'Network of the alliance partners; the table holds the same information',
  loading: 'Loading the network …',
  applyingFilter: 'Applying the filter …',
  ready: '{nodes} partners, {edges} ties, {communities} communities (of 2 partners or more)',
  readyFiltered: '{nodes} of {total} partners, {edges} ties',
  empty: 'The network is empty: no partners to draw.',
  loadFailed: 'The network could not be loaded: {message}',
  noCanvas: 'This browser cannot draw the graph (no WebGL); the table shows everything.',
  found: '{count} found: {names}',
  notFound: 'No partner found',
  close: 'Close',
  sector: 'Sector',
  district: 'District',
  dimensions: 'Dimensions',
  degree: 'Partners (degree)',
  status: 'Status',
  suggestionsHeading: 'Suggested partners',
  suggestionsLoading: 'Loading suggestions …',
  suggestionsNone: 'No suggestions for now.',
  suggestionsInactive: 'No suggestions: only active partners get them, this one is {status}.',
  suggestionsFailed: 'Suggestions could not be loaded: {message}',
  explain: 'Why?',
  explainLabel: 'Why {candidate} fits {partner}',
  explainHeading: 'Rules for {candidate}',
  explainLoading: 'Loading the explanation …',
  explainFailed: 'The explanation could not be loaded: {message}',
  rulePassed: 'passed',
  ruleFailed: 'failed',
  tableCaption:
    'Alliance partners and their cooperations; column headers sort, arrow keys move between rows',
  tableFilter: 'Filter the table',
  tableFilterPlaceholder: 'Name, district, dimension …',
  tableCount: '{shown} of {total} partners',
  colName: 'Name',
  colSector: 'Sector',
  colDistrict: 'District',
  colDimensions: 'Dimensions',
  colDegree: 'Ties',
  colPartners: 'Cooperation partners',
  sortBy: 'Sort by {column}',
  showInPanel: 'Details of {name}',
  none: '–',
  API_UNREACHABLE: 'the API cannot be reached',
  API_HTTP: 'the API answered HTTP {status} without a GraphQL result',
  API_STATUS: 'the API answered HTTP {status}',
};

const TEXTS: Record<Language, Record<TextKey, string>> = { de: DE, en: EN };

/** Names of the API's enum values per language (sectors, cooperation kinds, statuses …). */
const ENUMS: Record<Language, Record<string, string>> = {
  de: {
    CIVIL_SOCIETY: 'Zivilgesellschaft',
    BUSINESS: 'Wirtschaft',
    POLITICS: 'Politik',
    ADMINISTRATION: 'Verwaltung',
    DIVERSITY_COOPERATION: 'Vielfaltskooperation',
    NETWORK_PROJECT: 'Netzwerkprojekt',
    ACTION_DAY_EVENT: 'Aktionstag-Veranstaltung',
    APPLIED: 'beantragt',
    ACTIVE: 'aktiv',
    PAUSED: 'ruhend',
    LEFT: 'ausgetreten',
    COMMUNITY: 'Community',
    ADVOCACY: 'Interessenvertretung',
    SERVICE: 'Angebot',
  },
  en: {
    CIVIL_SOCIETY: 'Civil society',
    BUSINESS: 'Business',
    POLITICS: 'Politics',
    ADMINISTRATION: 'Administration',
    DIVERSITY_COOPERATION: 'Diversity cooperation',
    NETWORK_PROJECT: 'Network project',
    ACTION_DAY_EVENT: 'Action day event',
    APPLIED: 'applied',
    ACTIVE: 'active',
    PAUSED: 'paused',
    LEFT: 'left',
    COMMUNITY: 'community',
    ADVOCACY: 'advocacy',
    SERVICE: 'service',
  },
};

let current: Language = 'de';

/** The page's language now. */
export function language(): Language {
  return current;
}

/** Switches the language of the texts that {@link t} returns from now on. */
export function setLanguage(next: Language): void {
  current = next;
}

/** A text of the page in its language, with `{name}` placeholders filled from `params`. */
export function t(key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The name of an API enum value in the page's language; the value itself when unknown. */
export function enumName(value: string | null | undefined): string {
  if (value === null || value === undefined) return TEXTS[current].none;
  return ENUMS[current][value] ?? value;
}

/**
 * Writes the texts into the static page: elements with `data-i18n` get their text, those with
 * `data-i18n-placeholder` / `data-i18n-aria-label` / `data-i18n-title` the attribute.
 */
export function translatePage(root: Document): void {
  root.documentElement.lang = current;
  root.title = t('pageTitle');
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as TextKey);
  }
  const attributes = [
    ['i18nPlaceholder', 'placeholder'],
    ['i18nAriaLabel', 'aria-label'],
  ] as const;
  for (const [data, attribute] of attributes) {
    for (const element of root.querySelectorAll<HTMLElement>(`[data-${dashed(data)}]`)) {
      element.setAttribute(attribute, t(element.dataset[data] as TextKey));
    }
  }
}

function dashed(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
