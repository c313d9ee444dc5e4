/**
 * The catalogue of standing offers and needs: resource categories, each with German phrasings as
 * partners write them on their profile. docs/demo-data.md ("Offers and needs") explains it.
 *
 * The phrasings are written for an honest test of a text-based matching: the same resource comes
 * in different word forms (Raum, Räume, Räumlichkeiten, Saal, Veranstaltungsort), so a stemming
 * full-text search finds many true offer–need pairs but not all; and some words recur across
 * categories ("Beratung" in expertise and funding, "Ehrenamtliche" in volunteers and expertise,
 * "Veranstaltung" almost everywhere), so a text match is sometimes wrong, as in real profiles.
 *
 * Placeholders: `{ort}` becomes the partner's district with its preposition ("in der
 * Neckarstadt-West"), `{thema}` the name of one of its topics ("Bildung").
 */

/** The resource categories, in a fixed order (their index is a bit in the generator's masks). */
export const RESOURCE_CATEGORIES = [
  'ROOMS',
  'VOLUNTEERS',
  'TRANSLATION',
  'SPORTS_GROUNDS',
  'EXPERTISE',
  'REACH',
  'FUNDING_KNOWHOW',
  'PUBLICITY',
  'CATERING',
  'TRANSPORT',
  'CHILDCARE',
  'MENTORING',
  'INTERNSHIPS',
  'EQUIPMENT',
] as const;

/** One resource category: what a partner can offer or may need (generator-only, never stored). */
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

/** How partners word an offer and a need of one category. */
export interface Phrasings {
  offers: readonly string[];
  needs: readonly string[];
}

/** The phrasings of every category; each is 20–150 characters once the placeholders are filled. */
export const CATALOGUE: Readonly<Record<ResourceCategory, Phrasings>> = {
  ROOMS: {
    offers: [
      'Wir stellen unseren Gemeindesaal und kleinere Räume für Veranstaltungen zur Verfügung.',
      'Unsere Räume {ort} können abends und am Wochenende genutzt werden.',
      'Seminarraum für bis zu 25 Personen, kostenfrei für Bündnispartner',
      'Wir vermieten unseren Saal günstig für Feste, Treffen und Lesungen.',
      'Räumlichkeiten mit Küche für Gruppentreffen vorhanden',
      'Unser Veranstaltungsort bietet Platz für Ausstellungen und Konzerte.',
      'Ein barrierefreier Raum {ort} steht für Workshops bereit.',
      'Heller Raum für Gruppen bis 30 Personen, auch abends',
    ],
    needs: [
      'Suchen einen Raum für unser wöchentliches Elterncafé',
      'Wir brauchen Räume für Gruppentreffen am Abend.',
      'Veranstaltungsort für ein Fest mit rund 100 Gästen gesucht',
      'Benötigen einen Saal für unsere Jahresversammlung',
      'Gesucht: barrierefreie Räume {ort} für unsere Beratungsangebote',
      'Wir suchen einen Probenraum für unsere Musikgruppe.',
      'Raum für regelmäßige Treffen unserer Gruppe gesucht',
    ],
  },
  VOLUNTEERS: {
    offers: [
      'Unsere Ehrenamtlichen helfen bei Festen und Aktionen mit.',
      'Wir vermitteln Helfer*innen für Veranstaltungen {ort}.',
      'Freiwillige aus unseren Reihen unterstützen beim Auf- und Abbau.',
      'Engagierte Ehrenamtliche packen bei den Aktionstagen mit an.',
      'Helfende Hände für Stadtteilfeste und Aufräumaktionen',
      'Ein Team von Ehrenamtlichen übernimmt Aufgaben bei Ihrer Veranstaltung.',
    ],
    needs: [
      'Suchen Ehrenamtliche für die Hausaufgabenhilfe',
      'Wir brauchen Helfer*innen für unser Sommerfest.',
      'Freiwillige für den Aufbau am Aktionstag gesucht',
      'Suchen Ehrenamtliche, die bei uns mitmachen wollen',
      'Benötigen Unterstützung durch Ehrenamtliche im Bereich {thema}',
      'Helfende für die Essensausgabe gesucht',
    ],
  },
  TRANSLATION: {
    offers: [
      'Übersetzung von Flyern ins Türkische, Arabische und Russische',
      'Unsere Dolmetscher*innen begleiten Elterngespräche und Behördentermine.',
      'Sprachmittlung in über zehn Sprachen durch geschulte Mitglieder',
      'Übersetzung von Texten in Leichte Sprache durch unsere Mitglieder',
      'Dolmetscher*innen für Veranstaltungen auf Anfrage',
      'Mehrsprachige Begleitung zu Ämtern und Arztpraxen',
    ],
    needs: [
      'Suchen Sprachmittlung für unsere Beratung',
      'Wir brauchen Übersetzungen unserer Einladungen in mehrere Sprachen.',
      'Dolmetscher*innen für Elternabende gesucht',
      'Benötigen Hilfe bei der Übersetzung von Infomaterial',
      'Gesucht: Übersetzung in Gebärdensprache für eine Veranstaltung',
      'Mehrsprachige Unterstützung bei unseren Sprechstunden gesucht',
    ],
  },
  SPORTS_GROUNDS: {
    offers: [
      'Unser Sportplatz {ort} kann für Turniere genutzt werden.',
      'Hallenzeiten am Wochenende an Partner abzugeben',
      'Wir stellen unsere Halle für inklusive Sportangebote zur Verfügung.',
      'Unser Platz und die Umkleiden sind für Aktionen nutzbar.',
      'Turnhalle mit Geräten für Bewegungsangebote',
      'Freie Zeiten in unserer Halle und auf dem Platz {ort}',
    ],
    needs: [
      'Suchen Zeiten in einer Halle für eine Frauensportgruppe',
      'Wir brauchen einen Platz für unser Fußballturnier.',
      'Sportplatz für Bewegungsangebote mit Kindern gesucht',
      'Benötigen eine Halle für das Training im Winter',
      'Ort für ein Sportfest {ort} gesucht',
    ],
  },
  EXPERTISE: {
    offers: [
      'Beratung zu Aufenthaltsrecht und Integrationskursen',
      'Fortbildung zu Antidiskriminierung für Ihr Team',
      'Workshops zur interkulturellen Öffnung von Vereinen',
      'Beratung zur Barrierefreiheit von Veranstaltungen',
      'Fachwissen im Bereich {thema} für Projekte und Schulungen',
      'Schulungen zu Demokratie und zum Umgang mit Hassrede',
      'Sprechstunde und Beratung zu Bildungs- und Teilhabeleistungen',
    ],
    needs: [
      'Suchen eine Fortbildung zu diskriminierungssensibler Sprache',
      'Wir brauchen Beratung zur Barrierefreiheit unserer Angebote.',
      'Workshop für unser Team zu interkultureller Öffnung gesucht',
      'Fachliche Beratung im Bereich {thema} gesucht',
      'Benötigen eine Schulung für Ehrenamtliche im Umgang mit Konflikten',
      'Suchen eine Fortbildung zu Rassismus für unser Team',
    ],
  },
  REACH: {
    offers: [
      'Zugang zur arabischsprachigen Community {ort}',
      'Wir haben gute Kontakte in den Stadtteil und zu Familien.',
      'Unsere Multiplikator*innen erreichen Eltern mit Einwanderungsgeschichte.',
      'Unser Netzwerk erreicht Jugendliche, die sonst niemand anspricht.',
      'Wir verbreiten Angebote in unserem Umfeld und im Quartier.',
      'Kontakte zu Seniorinnen und Senioren {ort}',
    ],
    needs: [
      'Suchen Kontakt zu Familien {ort}',
      'Wie erreichen wir Jugendliche? Suchen Multiplikator*innen.',
      'Wir wollen Menschen mit Einwanderungsgeschichte besser erreichen.',
      'Zugang zu Communities für unser Projekt im Bereich {thema} gesucht',
      'Brauchen Kontakte zu Eltern im Stadtteil',
      'Suchen Zugang zur migrantischen Community',
    ],
  },
  FUNDING_KNOWHOW: {
    offers: [
      'Beratung bei Förderanträgen, z. B. für „Demokratie leben!“',
      'Wir helfen beim Schreiben von Anträgen und Verwendungsnachweisen.',
      'Know-how zu Fördermitteln von Stiftungen',
      'Unterstützung bei der Suche nach Fördermitteln',
      'Wir fördern kleine Projekte im Bereich {thema}.',
      'Tipps zur Abrechnung von Projektmitteln und zur Förderung',
    ],
    needs: [
      'Suchen Hilfe bei einem Antrag auf Förderung',
      'Wir brauchen Unterstützung bei der Finanzierung unseres Projekts.',
      'Wer kennt sich mit Fördermitteln aus? Wir suchen Rat.',
      'Benötigen Beratung zu Anträgen bei Stiftungen',
      'Finanzierung für ein Projekt {ort} gesucht',
      'Suchen Förderung für unsere Arbeit im Bereich {thema}',
    ],
  },
  PUBLICITY: {
    offers: [
      'Wir teilen Ihre Veranstaltungen auf unseren Social-Media-Kanälen.',
      'Öffentlichkeitsarbeit: Pressekontakte und ein Newsletter mit 2.000 Abonnent*innen',
      'Druck von Flyern und Plakaten zum Selbstkostenpreis',
      'Gestaltung von Plakaten und Flyern durch unser Grafikteam',
      'Platz für Ihre Ankündigung in unserem Rundbrief an alle Mitglieder',
      'Werbung für Aktionen {ort} über unsere Aushänge und Social Media',
    ],
    needs: [
      'Suchen Unterstützung bei der Öffentlichkeitsarbeit und Social Media',
      'Wir brauchen Hilfe mit Social Media und Instagram.',
      'Wer druckt uns Flyer für den Aktionstag?',
      'Suchen jemanden, der unsere Plakate und Flyer gestaltet',
      'Mehr Sichtbarkeit für unsere Angebote im Bereich {thema} gesucht',
      'Benötigen Pressearbeit für unser Jubiläumsfest',
    ],
  },
  CATERING: {
    offers: [
      'Catering für Veranstaltungen mit internationalen Speisen',
      'Wir kochen Essen für Feste und Treffen – gerne auch vegetarisch.',
      'Kaffee und Kuchen für Ihre Veranstaltung',
      'Unsere Küche versorgt Gruppen bis 80 Personen mit Essen.',
      'Getränke und Snacks für die Aktionstage, kostenlos',
    ],
    needs: [
      'Suchen Catering mit Kaffee und Kuchen für unser Nachbarschaftsfest',
      'Wer kocht mit uns Essen für das Sommerfest?',
      'Brauchen Verpflegung für einen Workshoptag',
      'Essen und Getränke für eine Veranstaltung {ort} gesucht',
      'Suchen Lebensmittelspenden für unser Elterncafé',
    ],
  },
  TRANSPORT: {
    offers: [
      'Unser Kleinbus steht für Ausflüge zur Verfügung.',
      'Unser Transporter fährt Material und Technik zu Ihrer Veranstaltung.',
      'Fahrdienst für Seniorinnen und Senioren, auch mit Rollstuhl',
      'Transporter mit Fahrer*in für Umzüge und Aufbauten',
      'Lastenräder zum Ausleihen {ort}',
    ],
    needs: [
      'Suchen einen Kleinbus für einen Ausflug mit Jugendlichen',
      'Wir brauchen einen Transporter für Bühnenmaterial.',
      'Fahrdienst für Teilnehmende im Rollstuhl gesucht',
      'Benötigen Hilfe beim Transport von Möbeln',
      'Mitfahrgelegenheit zu Veranstaltungen für ältere Mitglieder gesucht',
    ],
  },
  CHILDCARE: {
    offers: [
      'Kinderbetreuung während Veranstaltungen und Kursen',
      'Wir betreuen Kinder, während die Eltern den Sprachkurs besuchen.',
      'Spielecke mit Betreuung für Kinder bei Festen',
      'Erzieherinnen aus unserem Team begleiten Kinderprogramme.',
    ],
    needs: [
      'Suchen Kinderbetreuung für unseren Elternabend',
      'Betreuung für Kinder während unserer Frauentreffen gesucht',
      'Wer passt auf die Kinder auf, während die Mütter im Kurs sind?',
      'Brauchen ein Kinderprogramm für unser Stadtteilfest',
    ],
  },
  MENTORING: {
    offers: [
      'Mentoring für Jugendliche beim Übergang von der Schule in den Beruf',
      'Hausaufgabenhilfe und Lernpatenschaften {ort}',
      'Patenschaften und Begleitung für neu Zugewanderte',
      'Unsere Mentor*innen begleiten Studierende der ersten Generation.',
      'Lesepat*innen für Grundschulkinder',
    ],
    needs: [
      'Suchen Mentoring für junge Menschen in der Ausbildung',
      'Lernpatenschaften für Schülerinnen und Schüler gesucht',
      'Wir brauchen Patenschaften für geflüchtete Familien.',
      'Hausaufgabenhilfe für Kinder {ort} gesucht',
      'Begleitung für Jugendliche bei Bewerbungen gesucht',
    ],
  },
  INTERNSHIPS: {
    offers: [
      'Praktikumsplätze für Schüler*innen und Geflüchtete',
      'Wir bieten Ausbildungsplätze im Handwerk an.',
      'Schnuppertage und ein Praktikum in unserem Betrieb',
      'Bewerbungstraining mit unseren Personaler*innen',
      'Jobs und Minijobs für Menschen mit Sprachkenntnissen',
      'Ein Praktikum in unserem Team, auch für Quereinsteiger*innen',
    ],
    needs: [
      'Suchen Praktikumsplätze für unsere Jugendlichen',
      'Wir brauchen Kontakte zu Betrieben mit Ausbildungsplätzen.',
      'Jobs für Teilnehmende unseres Sprachkurses gesucht',
      'Praktikum für eine geflüchtete Frau im Bereich {thema} gesucht',
      'Suchen Unternehmen mit Jobs und Praktika für Menschen mit Behinderung',
    ],
  },
  EQUIPMENT: {
    offers: [
      'Verleih von Bühne, Zelten und Bierzeltgarnituren',
      'Wir leihen Ton- und Lichttechnik für Veranstaltungen aus.',
      'Beamer, Leinwand und Mikrofone zum Ausleihen',
      'Pavillons, Tische und Stellwände für Infostände',
      'Technik und Zelte für Feste {ort}',
    ],
    needs: [
      'Suchen Technik und eine Musikanlage für unser Fest',
      'Wir brauchen Zelte und Tische für den Aktionstag.',
      'Technik für eine Veranstaltung {ort} gesucht',
      'Benötigen Beamer und Leinwand für einen Filmabend',
    ],
  },
};
