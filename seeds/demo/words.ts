/**
 * Word lists for German organisation names, contact people, titles and descriptions. All
 * organisations and people made from them are fictional; the parties too.
 */

/** Grammatical gender of a noun, for the adjective ending in front of it. */
export type Gender = 'm' | 'f' | 'n';

/** A noun with its gender and the dimension and topic keys it suggests. */
export interface Noun {
  word: string;
  gender: Gender;
  dimensions?: string[];
  topics?: string[];
}

/** An adjective stem ("Interkulturell") and what it suggests; `fixed` ones are not declined. */
export interface Adjective {
  stem: string;
  fixed?: boolean;
  dimensions?: string[];
}

/** Declines an adjective for a noun without article (strong nominative): -er, -e, -es. */
export function decline(adjective: Adjective, gender: Gender): string {
  if (adjective.fixed) return adjective.stem;
  return adjective.stem + (gender === 'm' ? 'er' : gender === 'f' ? 'e' : 'es');
}

/** Stems of origin adjectives ("Deutsch-Türkisch"), declined where a name uses them. */
export const ORIGIN_STEMS = [
  'Deutsch-Türkisch',
  'Deutsch-Italienisch',
  'Deutsch-Griechisch',
  'Deutsch-Polnisch',
  'Deutsch-Kroatisch',
  'Deutsch-Russisch',
  'Deutsch-Arabisch',
  'Deutsch-Spanisch',
  'Deutsch-Portugiesisch',
  'Deutsch-Vietnamesisch',
  'Deutsch-Syrisch',
  'Deutsch-Bulgarisch',
  'Deutsch-Rumänisch',
  'Deutsch-Afrikanisch',
  'Kurdisch',
  'Eritreisch',
  'Ghanaisch',
  'Afghanisch',
  'Iranisch',
  'Tamilisch',
  'Bosnisch',
  'Albanisch',
  'Lateinamerikanisch',
  'Interkulturell',
  'International',
];

/** Adjectives of origin; they suggest the dimension ethnic origin. */
export const ORIGIN_ADJECTIVES: Adjective[] = ORIGIN_STEMS.map((stem) => ({
  stem,
  dimensions: ['ethnic_origin'],
}));

/** Adjectives for general associations. */
export const ASSOCIATION_ADJECTIVES: Adjective[] = [
  { stem: 'Mannheimer', fixed: true },
  { stem: 'Sozial' },
  { stem: 'Gemeinnützig' },
  { stem: 'Inklusiv', dimensions: ['abilities'] },
  { stem: 'Queer', dimensions: ['sexual_orientation'] },
  { stem: 'Feministisch', dimensions: ['gender'] },
  { stem: 'Interkulturell', dimensions: ['ethnic_origin'] },
  { stem: 'Generationenübergreifend', dimensions: ['age'] },
];

/** Nouns of migrant organisations ("… Kulturverein"). */
export const MIGRANT_NOUNS: Noun[] = [
  { word: 'Kulturverein', gender: 'm', topics: ['culture'] },
  { word: 'Elternverein', gender: 'm', dimensions: ['age'], topics: ['family', 'education'] },
  { word: 'Frauenverein', gender: 'm', dimensions: ['gender'], topics: ['family'] },
  { word: 'Jugendverein', gender: 'm', dimensions: ['age'], topics: ['youth'] },
  { word: 'Bildungsverein', gender: 'm', topics: ['education', 'language'] },
  { word: 'Begegnungszentrum', gender: 'n', topics: ['culture'] },
  { word: 'Kulturzentrum', gender: 'n', topics: ['culture'] },
  { word: 'Frauennetzwerk', gender: 'n', dimensions: ['gender'] },
  { word: 'Seniorentreff', gender: 'm', dimensions: ['age'], topics: ['seniors'] },
  { word: 'Gemeinschaft', gender: 'f' },
  { word: 'Familienzentrum', gender: 'n', topics: ['family'] },
  { word: 'Akademikerinnen- und Akademikerverein', gender: 'm', topics: ['education', 'work'] },
];

/** Nouns of general associations ("… Bürgerverein"). */
export const ASSOCIATION_NOUNS: Noun[] = [
  { word: 'Frauenverein', gender: 'm', dimensions: ['gender'] },
  { word: 'Bürgerverein', gender: 'm', topics: ['housing'] },
  { word: 'Nachbarschaftsverein', gender: 'm', topics: ['housing'] },
  { word: 'Förderverein', gender: 'm', topics: ['education'] },
  { word: 'Seniorenverein', gender: 'm', dimensions: ['age'], topics: ['seniors'] },
  { word: 'Gehörlosenverein', gender: 'm', dimensions: ['abilities'] },
  { word: 'Blinden- und Sehbehindertenverein', gender: 'm', dimensions: ['abilities'] },
  { word: 'Elternverein', gender: 'm', dimensions: ['age'], topics: ['family'] },
  { word: 'Frauennetzwerk', gender: 'n', dimensions: ['gender'] },
  { word: 'Begegnungsverein', gender: 'm' },
  { word: 'Freundeskreis', gender: 'm' },
  { word: 'Lesben- und Schwulenverein', gender: 'm', dimensions: ['sexual_orientation'] },
  {
    word: 'Alleinerziehendenverein',
    gender: 'm',
    dimensions: ['social_origin'],
    topics: ['family'],
  },
  { word: 'Verein für Arbeitslose', gender: 'm', dimensions: ['social_origin'], topics: ['work'] },
];

/** Religious bodies ("… Gemeinde") with the dimensions they suggest. */
export const RELIGIOUS_BODIES: { word: string; dimensions: string[] }[] = [
  { word: 'Türkisch-Islamische Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Islamische Gemeinde', dimensions: ['religion'] },
  { word: 'Alevitische Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Evangelische Kirchengemeinde', dimensions: ['religion'] },
  { word: 'Katholische Kirchengemeinde', dimensions: ['religion'] },
  { word: 'Griechisch-Orthodoxe Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Rumänisch-Orthodoxe Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Syrisch-Orthodoxe Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Evangelisch-Freikirchliche Gemeinde', dimensions: ['religion'] },
  { word: 'Buddhistische Gemeinschaft', dimensions: ['religion'] },
  { word: 'Ezidisches Kulturzentrum', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Bahá’í-Gemeinde', dimensions: ['religion'] },
  { word: 'Neuapostolische Gemeinde', dimensions: ['religion'] },
  { word: 'Koptische Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Italienische Katholische Mission', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Polnische Katholische Mission', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Kroatische Katholische Mission', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Sikh-Gemeinde', dimensions: ['religion', 'ethnic_origin'] },
  { word: 'Moscheeverein', dimensions: ['religion'] },
];

/**
 * Names of mosques after historical figures and places, as many congregations choose them; the
 * congregations named with them are invented.
 */
export const MOSQUES = [
  'Yunus-Emre',
  'Mevlana',
  'Selimiye',
  'Eyüp-Sultan',
  'Ulu',
  'Hacı-Bayram',
  'Sultan-Ahmet',
  'Kocatepe',
];

/** Names of Arabic-speaking mosque associations ("Moscheeverein Al-Nur"). */
export const MOSQUES_ARABIC = ['Al-Nur', 'Al-Salam', 'Al-Huda', 'Ibn-Rushd', 'Al-Rahma'];

/** Patron saints of Orthodox parishes. */
export const ORTHODOX_PATRONS = [
  'Hl. Nikolaos',
  'Hl. Dimitrios',
  'Hll. Konstantin und Helena',
  'Hl. Paraskeva',
  'Hl. Georg',
  'Mariä Schutz',
];

/** Saints of Catholic parishes. */
export const SAINTS = [
  'Bonifatius',
  'Elisabeth',
  'Josef',
  'Hildegard',
  'Laurentius',
  'Peter',
  'Paul',
  'Martin',
  'Antonius',
  'Michael',
  'Franziskus',
  'Konrad',
  'Sebastian',
  'Agnes',
  'Jakobus',
  'Nikolaus',
];

/** Name parts of Protestant parishes ("Evangelische Lukasgemeinde"). */
export const PARISHES = [
  'Luther',
  'Lukas',
  'Markus',
  'Johannes',
  'Matthäus',
  'Paulus',
  'Christus',
  'Friedens',
  'Versöhnungs',
  'Trinitatis',
  'Melanchthon',
  'Auferstehungs',
  'Gnaden',
  'Philippus',
];

/** People schools and foundations are named after (public figures; the organisations are not real). */
export const NAMESAKES = [
  'Bertha-Benz',
  'Carl-Benz',
  'Friedrich-Schiller',
  'Lessing',
  'Johannes-Kepler',
  'Alexander-von-Humboldt',
  'Geschwister-Scholl',
  'Anne-Frank',
  'Elisabeth-Selbert',
  'Marie-Curie',
  'Käthe-Kollwitz',
  'Albert-Schweitzer',
  'Heinrich-Lanz',
  'Karl-Drais',
  'Moses-Mendelssohn',
  'Sophie-La-Roche',
  'Hedwig-Dohm',
  'Hannah-Arendt',
  'Theodor-Heuss',
  'Friedrich-Ebert',
  'Maria-Montessori',
  'Janusz-Korczak',
  'Astrid-Lindgren',
  'Erich-Kästner',
  'Max-Planck',
  'Clara-Schumann',
  'Wilhelm-Busch',
  'Rosa-Parks',
  'Nelson-Mandela',
  'Fritz-Bauer',
];

/** School types of public schools. */
export const SCHOOL_TYPES: Noun[] = [
  { word: 'Grundschule', gender: 'f', dimensions: ['age'] },
  { word: 'Gemeinschaftsschule', gender: 'f', dimensions: ['social_origin'] },
  { word: 'Realschule', gender: 'f' },
  { word: 'Gymnasium', gender: 'n' },
  { word: 'Werkrealschule', gender: 'f', dimensions: ['social_origin'], topics: ['work'] },
  { word: 'Förderschule', gender: 'f', dimensions: ['abilities'] },
  { word: 'Berufsschule', gender: 'f', topics: ['work'] },
];

/** Names of day-care centres. */
export const KITA_NAMES = [
  'Regenbogen',
  'Sonnenblume',
  'Pusteblume',
  'Kunterbunt',
  'Löwenzahn',
  'Wirbelwind',
  'Sternschnuppe',
  'Schatzkiste',
  'Rasselbande',
  'Zwergenland',
  'Arche Noah',
  'Wolkenschloss',
  'Spatzennest',
  'Weltentdecker',
];

/** Social services with what they suggest. */
export const SOCIAL_SERVICES: Noun[] = [
  { word: 'Mehrgenerationenhaus', gender: 'n', dimensions: ['age'], topics: ['seniors', 'family'] },
  { word: 'Migrationsberatung', gender: 'f', dimensions: ['ethnic_origin'], topics: ['language'] },
  { word: 'Jugendmigrationsdienst', gender: 'm', dimensions: ['age', 'ethnic_origin'] },
  { word: 'Sozialstation', gender: 'f', dimensions: ['age'], topics: ['health', 'seniors'] },
  { word: 'Schuldnerberatung', gender: 'f', dimensions: ['social_origin'], topics: ['work'] },
  { word: 'Wohnungslosenhilfe', gender: 'f', dimensions: ['social_origin'], topics: ['housing'] },
  { word: 'Beratungsstelle für Menschen mit Behinderung', gender: 'f', dimensions: ['abilities'] },
  { word: 'Suchtberatung', gender: 'f', dimensions: ['social_origin'], topics: ['health'] },
  { word: 'Tafelladen', gender: 'm', dimensions: ['social_origin'], topics: ['family'] },
  { word: 'Stadtteilzentrum', gender: 'n', dimensions: ['social_origin'], topics: ['housing'] },
  { word: 'Familienzentrum', gender: 'n', dimensions: ['age'], topics: ['family'] },
  { word: 'Frauen- und Mädchenberatung', gender: 'f', dimensions: ['gender'] },
  { word: 'Pflegestützpunkt', gender: 'm', dimensions: ['age', 'abilities'], topics: ['health'] },
  { word: 'Inklusionsdienst', gender: 'm', dimensions: ['abilities'], topics: ['work'] },
  { word: 'Begegnungsstätte für Geflüchtete', gender: 'f', dimensions: ['ethnic_origin'] },
];

/** Fictional welfare organisations running social services. */
export const WELFARE_CARRIERS = [
  'Sozialwerk Rhein-Neckar',
  'Ökumenischer Hilfsverbund',
  'Kurpfälzer Sozialdienst',
  'Quadrate-Hilfe',
  'Neckar-Sozialdienste',
  'Verein für Jugend- und Familienhilfe',
];

/** Cultural organisations ("Kulturhaus", "Kunstverein"). */
export const CULTURE_PLACES: Noun[] = [
  { word: 'Kulturhaus', gender: 'n' },
  { word: 'Kunstverein', gender: 'm' },
  { word: 'Filmclub', gender: 'm', topics: ['media'] },
  { word: 'Literaturcafé', gender: 'n', topics: ['education'] },
  { word: 'Musikschule', gender: 'f', topics: ['education'] },
  { word: 'Tanzensemble', gender: 'n' },
  { word: 'Kulturbrücke', gender: 'f', dimensions: ['ethnic_origin'] },
  { word: 'Jazzclub', gender: 'm' },
  { word: 'Figurentheater', gender: 'n', dimensions: ['age'] },
  { word: 'Stadtteilarchiv', gender: 'n', topics: ['media'] },
];

/** Adjectives of choirs and ensembles. */
export const ENSEMBLE_ADJECTIVES: Adjective[] = [
  { stem: 'International', dimensions: ['ethnic_origin'] },
  { stem: 'Interkulturell', dimensions: ['ethnic_origin'] },
  { stem: 'Inklusiv', dimensions: ['abilities'] },
  { stem: 'Queer', dimensions: ['sexual_orientation'] },
  { stem: 'Generationenübergreifend', dimensions: ['age'] },
  { stem: 'Jung', dimensions: ['age'] },
];

/** Ensembles ("Internationaler Chor"). */
export const ENSEMBLES: Noun[] = [
  { word: 'Chor', gender: 'm' },
  { word: 'Theater', gender: 'n' },
  { word: 'Orchester', gender: 'n' },
  { word: 'Tanzensemble', gender: 'n' },
  { word: 'Bandprojekt', gender: 'n', dimensions: ['age'] },
];

/** Sports clubs by their main sport; some suggest a dimension. */
export const SPORTS_CLUBS: Noun[] = [
  { word: 'Boxclub', gender: 'm' },
  { word: 'Ringerverein', gender: 'm' },
  { word: 'Schwimmverein', gender: 'm' },
  { word: 'Ruderclub', gender: 'm' },
  { word: 'Tischtennisverein', gender: 'm' },
  { word: 'Basketballverein', gender: 'm' },
  { word: 'Kanu-Club', gender: 'm' },
  { word: 'Schachclub', gender: 'm', dimensions: ['age'] },
  { word: 'Judoclub', gender: 'm' },
  { word: 'Cricketclub', gender: 'm', dimensions: ['ethnic_origin'] },
  { word: 'Rollstuhlsportgruppe', gender: 'f', dimensions: ['abilities'] },
  { word: 'Inklusionssportverein', gender: 'm', dimensions: ['abilities'] },
  { word: 'Frauenfußballverein', gender: 'm', dimensions: ['gender'] },
  { word: 'Queerer Sportverein', gender: 'm', dimensions: ['sexual_orientation'] },
  { word: 'Seniorensportgruppe', gender: 'f', dimensions: ['age'] },
  { word: 'Internationaler Fußballclub', gender: 'm', dimensions: ['ethnic_origin'] },
];

/** Scout troop names. */
export const TROOPS = [
  'Adler',
  'Falken',
  'Wildgänse',
  'Nordlicht',
  'Greif',
  'Kormoran',
  'Biber',
  'Luchs',
  'Phönix',
  'Kranich',
  'Steppenwolf',
  'Eisvogel',
];

/** Youth organisations with what they suggest. */
export const YOUTH_PLACES: Noun[] = [
  { word: 'Stadtjugendring – Jugendtreff', gender: 'm' },
  { word: 'Jugendzentrum', gender: 'n', dimensions: ['social_origin'] },
  { word: 'Queere Jugendgruppe', gender: 'f', dimensions: ['sexual_orientation'] },
  { word: 'Mädchentreff', gender: 'm', dimensions: ['gender'] },
  { word: 'Kinder- und Jugendzirkus', gender: 'm', topics: ['culture'] },
  { word: 'Jugendfeuerwehr', gender: 'f' },
  { word: 'Jugendkulturwerkstatt', gender: 'f', topics: ['culture', 'media'] },
  { word: 'Jugendparlament-Initiative', gender: 'f', topics: ['politics_participation'] },
];

/** Concepts for foundations and initiatives ("Initiative Respekt"). */
export const CONCEPTS: { word: string; dimensions?: string[] }[] = [
  { word: 'Vielfalt' },
  { word: 'Respekt' },
  { word: 'Miteinander' },
  { word: 'Zusammenleben' },
  { word: 'Courage' },
  { word: 'Offene Türen' },
  { word: 'Bunte Nachbarschaft' },
  { word: 'Gemeinsam stark' },
  { word: 'Demokratie' },
  { word: 'Teilhabe' },
  { word: 'Chancengleichheit', dimensions: ['social_origin'] },
  { word: 'Generationendialog', dimensions: ['age'] },
  { word: 'Inklusion', dimensions: ['abilities'] },
  { word: 'Gleichstellung', dimensions: ['gender'] },
  { word: 'Regenbogen', dimensions: ['sexual_orientation'] },
  { word: 'Brückenbau', dimensions: ['ethnic_origin'] },
];

/**
 * Purposes of family foundations by the dimension they suggest ('' for none): "Wolf-Stiftung
 * für Chancengleichheit".
 */
export const FOUNDATION_PURPOSES: Readonly<Record<string, readonly string[]>> = {
  '': ['Miteinander', 'für Zusammenhalt', 'Bürgersinn', 'für Demokratie'],
  social_origin: ['für Chancengleichheit', 'Bildungschancen', 'Startklar'],
  age: ['Generationen', 'für Jung und Alt'],
  abilities: ['Inklusion', 'für Teilhabe ohne Barrieren'],
  gender: ['für Gleichstellung', 'Frauen stärken'],
  sexual_orientation: ['Regenbogen', 'für queeres Leben'],
  ethnic_origin: ['Brückenbau', 'Ankommen', 'für Vielfalt'],
  religion: ['Dialog der Religionen'],
};

/** Kinds of initiatives. */
export const INITIATIVE_FORMS: Noun[] = [
  { word: 'Initiative', gender: 'f' },
  { word: 'Netzwerk', gender: 'n' },
  { word: 'Arbeitskreis', gender: 'm' },
  { word: 'Bündnis', gender: 'n' },
  { word: 'Runder Tisch', gender: 'm' },
];

/** Special initiatives with a fixed name part. */
export const NAMED_INITIATIVES: Noun[] = [
  { word: 'Bündnis gegen Rassismus', gender: 'n', dimensions: ['ethnic_origin'] },
  { word: 'Willkommensinitiative', gender: 'f', dimensions: ['ethnic_origin'] },
  { word: 'Nachbarschaftsinitiative', gender: 'f', topics: ['housing'] },
  { word: 'Elterninitiative für Inklusion', gender: 'f', dimensions: ['abilities'] },
  { word: 'Initiative Barrierefreiheit', gender: 'f', dimensions: ['abilities'] },
  { word: 'Queeres Netzwerk', gender: 'n', dimensions: ['sexual_orientation'] },
];

/** Industries of companies. */
export const INDUSTRIES = [
  'Bau',
  'Logistik',
  'Elektrotechnik',
  'Gebäudereinigung',
  'Maschinenbau',
  'Personaldienstleistungen',
  'Steuerberatung',
  'Software',
  'Druck & Medien',
  'Catering',
  'Immobilien',
  'Pflegedienst',
  'Sanitärtechnik',
  'Verpackungen',
  'Messtechnik',
  'Kommunikation',
  'Energietechnik',
  'Metallbau',
  'Umzüge',
  'IT-Systemhaus',
];

/** Small businesses named with the owner's surname ("Bäckerei Kaya"). */
export const SHOPS = [
  'Bäckerei',
  'Friseursalon',
  'Reisebüro',
  'Architekturbüro',
  'Kanzlei',
  'Buchhandlung',
  'Optiker',
  'Blumenhaus',
  'Fahrschule',
  'Malerbetrieb',
  'Schreinerei',
  'Café',
];

/** Legal forms of companies. */
export const LEGAL_FORMS = ['GmbH', 'GmbH', 'GmbH', 'GmbH & Co. KG', 'AG', 'UG'];

/** Crafts with a guild ("Bäcker-Innung Mannheim"). */
export const CRAFTS = [
  'Bäcker',
  'Friseur',
  'Elektro',
  'Maler- und Lackierer',
  'Kfz',
  'Sanitär-Heizung-Klima',
  'Dachdecker',
  'Metall',
  'Schreiner',
  'Gebäudereiniger',
];

/** Fictional trade unions' industries ("Gewerkschaft Handel und Dienstleistungen"). */
export const UNION_BRANCHES = [
  'Handel und Dienstleistungen',
  'Metall und Elektro',
  'Erziehung und Bildung',
  'Bau und Umwelt',
  'Chemie und Energie',
  'Verkehr und Logistik',
  'Gesundheit und Pflege',
];

/** Fictional local parties (short and long name). */
export const PARTIES: { short: string; long: string }[] = [
  { short: 'MBL', long: 'Mannheimer Bürgerliste' },
  { short: 'GSL', long: 'Grün-Sozialen Liste' },
  { short: 'LSL', long: 'Liberalen Stadtliste' },
  { short: 'SDU', long: 'Sozialdemokratischen Union Mannheim' },
  { short: 'MiM', long: 'Wählergemeinschaft Miteinander in Mannheim' },
  { short: 'NLM', long: 'Neuen Linken Mannheim' },
  { short: 'FWQ', long: 'Freien Wähler Quadratestadt' },
  { short: 'VMM', long: 'Volkspartei der Mitte Mannheim' },
];

/** Working groups of parties ("Arbeitskreis Migration der …"). */
export const PARTY_GROUPS: { word: string; dimensions?: string[] }[] = [
  { word: 'Arbeitskreis Migration', dimensions: ['ethnic_origin'] },
  { word: 'Arbeitskreis Inklusion', dimensions: ['abilities'] },
  { word: 'Frauenforum', dimensions: ['gender'] },
  { word: 'Seniorenforum', dimensions: ['age'] },
  { word: 'Queeres Forum', dimensions: ['sexual_orientation'] },
  { word: 'Jugendorganisation', dimensions: ['age'] },
  { word: 'Arbeitskreis Soziales', dimensions: ['social_origin'] },
  { word: 'Arbeitskreis Religion und Gesellschaft', dimensions: ['religion'] },
];

/** Departments of the city administration ("Fachbereich … der Stadt Mannheim"). */
export const DEPARTMENTS: { word: string; topics?: string[]; dimensions?: string[] }[] = [
  { word: 'Bildung', topics: ['education'] },
  { word: 'Jugendamt und Gesundheitsamt', topics: ['youth', 'health'] },
  { word: 'Arbeit und Soziales', topics: ['work'], dimensions: ['social_origin'] },
  { word: 'Kinder, Jugend und Familie', topics: ['youth', 'family'], dimensions: ['age'] },
  { word: 'Sport und Freizeit', topics: ['sport'] },
  { word: 'Kultur', topics: ['culture'] },
  { word: 'Demokratie und Strategie', topics: ['politics_participation'] },
  { word: 'Bürgerdienste' },
  { word: 'Geoinformation und Stadtplanung', topics: ['housing'] },
  { word: 'Wirtschafts- und Strukturförderung', topics: ['work'] },
  { word: 'Tageseinrichtungen für Kinder', topics: ['education', 'family'], dimensions: ['age'] },
  { word: 'Grünflächen und Umwelt' },
  { word: 'Sicherheit und Ordnung' },
  { word: 'Internationales, Europa und Protokoll', dimensions: ['ethnic_origin'] },
  { word: 'Organisation und Personal', topics: ['work'] },
  { word: 'Wohnen und Stadterneuerung', topics: ['housing'] },
  { word: 'Gesundheit', topics: ['health'] },
];

/** Offices with one instance each. */
export const CITY_OFFICES: { word: string; dimensions: string[] }[] = [
  {
    word: 'Beauftragter für Integration und Migration der Stadt Mannheim',
    dimensions: ['ethnic_origin'],
  },
  { word: 'Gleichstellungsbeauftragte der Stadt Mannheim', dimensions: ['gender'] },
  {
    word: 'Beauftragte für Menschen mit Behinderungen der Stadt Mannheim',
    dimensions: ['abilities'],
  },
  { word: 'Koordinierungsstelle LSBTI der Stadt Mannheim', dimensions: ['sexual_orientation'] },
  { word: 'Kommunaler Seniorenrat Mannheim', dimensions: ['age'] },
];

/** Local public offices ("Quartiermanagement Jungbusch"). */
export const LOCAL_OFFICES: Noun[] = [
  { word: 'Bürgerservice', gender: 'm' },
  { word: 'Quartiermanagement', gender: 'n', dimensions: ['social_origin'], topics: ['housing'] },
  { word: 'Kinder- und Jugendhaus', gender: 'n', dimensions: ['age'], topics: ['youth'] },
  { word: 'Städtischer Seniorentreff', gender: 'm', dimensions: ['age'], topics: ['seniors'] },
  { word: 'Polizeirevier', gender: 'n' },
  { word: 'Jobcenter – Standort', gender: 'n', dimensions: ['social_origin'], topics: ['work'] },
  { word: 'Stadtbibliothek – Zweigstelle', gender: 'f', topics: ['culture', 'education'] },
];

/** Public education outside schools. */
export const PUBLIC_EDUCATION: Noun[] = [
  { word: 'Städtische Musikschule – Zweigstelle', gender: 'f', topics: ['culture'] },
  { word: 'Abendakademie – Außenstelle', gender: 'f', topics: ['language'] },
  { word: 'Städtische Kita', gender: 'f', dimensions: ['age'], topics: ['family'] },
];

/** Free schools and educational associations of civil society. */
export const FREE_EDUCATION: Noun[] = [
  { word: 'Freie Waldorfschule', gender: 'f' },
  { word: 'Freie Montessori-Schule', gender: 'f', dimensions: ['age'] },
  { word: 'Familienbildungsstätte', gender: 'f', dimensions: ['age'], topics: ['family'] },
  { word: 'Lernwerkstatt', gender: 'f', dimensions: ['social_origin'] },
  { word: 'Hausaufgabenhilfe', gender: 'f', dimensions: ['social_origin'], topics: ['youth'] },
  { word: 'Bildungswerk', gender: 'n' },
  { word: 'Sprachcafé', gender: 'n', dimensions: ['ethnic_origin'], topics: ['language'] },
];

/** First names of contact people, of many origins as in the city itself. */
export const FIRST_NAMES = [
  'Anna',
  'Lukas',
  'Ayşe',
  'Mehmet',
  'Fatma',
  'Jonas',
  'Elena',
  'Dimitrios',
  'Maria',
  'Giuseppe',
  'Olga',
  'Piotr',
  'Leyla',
  'Amir',
  'Sophie',
  'Thomas',
  'Katarina',
  'Jamal',
  'Nadia',
  'Emre',
  'Hannah',
  'Felix',
  'Zeynep',
  'Ali',
  'Marta',
  'Ivan',
  'Aylin',
  'Kemal',
  'Julia',
  'Sebastian',
  'Chiara',
  'Luca',
  'Agnieszka',
  'Tomasz',
  'Yasmin',
  'Omar',
  'Mariam',
  'Kofi',
  'Amara',
  'Linh',
  'Sabine',
  'Michael',
  'Andrea',
  'Stefan',
  'Ioana',
  'Goran',
  'Svetlana',
  'Tariq',
];

/** Surnames of contact people and company owners. */
export const SURNAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Schäfer',
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Öztürk',
  'Nowak',
  'Kowalski',
  'Rossi',
  'Esposito',
  'Papadopoulos',
  'Petrov',
  'Nguyen',
  'Haddad',
  'Mansour',
  'Okafor',
  'Mensah',
  'Popescu',
  'Horvat',
  'Jankowski',
  'García',
  'Fernandes',
  'Berger',
  'Krämer',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Hartmann',
  'Lange',
  'Arslan',
  'Koch',
  'Richter',
  'Klein',
  'Kurz',
  'Bauer',
  'Hadžić',
];

/** Street names for the sites of organisations with several sites. */
export const STREETS = [
  'Hauptstraße',
  'Schulstraße',
  'Kirchstraße',
  'Waldstraße',
  'Friedrichstraße',
  'Bahnhofstraße',
  'Mittelstraße',
  'Lange Rötterstraße',
  'Seckenheimer Straße',
  'Käfertaler Straße',
  'Neckarauer Straße',
  'Meerfeldstraße',
  'Rheinhäuserstraße',
  'Waldhofstraße',
  'Zeppelinstraße',
  'Lindenhofstraße',
  'Max-Joseph-Straße',
  'Am Marktplatz',
  'Gartenfeldstraße',
  'Relaisstraße',
  'Rheingoldstraße',
  'Kalmitstraße',
  'Dürkheimer Straße',
  'Untermühlaustraße',
  'Speyerer Straße',
  'Wormser Straße',
  'Hochuferstraße',
  'Luisenring',
  'Kaiserring',
  'Augustaanlage',
  'Q 5',
  'K 1',
  'H 7',
  'E 5',
  'U 2',
  'T 4',
];
