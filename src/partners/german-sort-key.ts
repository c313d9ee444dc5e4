/**
 * German collation of partner names after DIN 5007-1 ("Wörterbuchsortierung"): umlauts sort as
 * their base letter (ä as a, ö as o, ü as u), ß as ss, case does not count; names that are equal
 * then are ordered by the name itself, so the order is total. "Bäckerei Kaya" comes before
 * "Braun & Weber GmbH", "Ökumenischer Hilfsverbund" among the O.
 *
 * The key is stored on every partner (`Partner.nameSortKey`) and read through a range index, so
 * the database can order and paginate by it without sorting every partner. The same folding is
 * written as Cypher for the migration that fills the key for existing partners
 * (schema/neo4j/016_name_sort_key.cypher); a unit test keeps the two equal.
 */

/**
 * Letters folded to their base letters, in this order, after lower-casing: German umlauts and ß
 * (DIN 5007-1), then the accented letters of the other languages Mannheim's organisations are
 * named in (Turkish, Polish, Croatian, Romanian, French, Italian, Spanish, Portuguese, Vietnamese
 * base letters), so that "Çelik" sorts among the C and "Şahin" among the S. U+0307 is the dot
 * that lower-casing leaves after a Turkish capital İ.
 */
export const GERMAN_FOLDS: readonly (readonly [string, string])[] = [
  ['ä', 'a'],
  ['ö', 'o'],
  ['ü', 'u'],
  ['ß', 'ss'],
  ['à', 'a'],
  ['á', 'a'],
  ['â', 'a'],
  ['ã', 'a'],
  ['å', 'a'],
  ['ă', 'a'],
  ['ą', 'a'],
  ['æ', 'ae'],
  ['ç', 'c'],
  ['ć', 'c'],
  ['č', 'c'],
  ['đ', 'd'],
  ['è', 'e'],
  ['é', 'e'],
  ['ê', 'e'],
  ['ë', 'e'],
  ['ę', 'e'],
  ['ğ', 'g'],
  ['ì', 'i'],
  ['í', 'i'],
  ['î', 'i'],
  ['ï', 'i'],
  ['ı', 'i'],
  ['\u0307', ''],
  ['ł', 'l'],
  ['ñ', 'n'],
  ['ń', 'n'],
  ['ò', 'o'],
  ['ó', 'o'],
  ['ô', 'o'],
  ['õ', 'o'],
  ['ø', 'o'],
  ['œ', 'oe'],
  ['ś', 's'],
  ['ş', 's'],
  ['ș', 's'],
  ['š', 's'],
  ['ţ', 't'],
  ['ț', 't'],
  ['ù', 'u'],
  ['ú', 'u'],
  ['û', 'u'],
  ['ý', 'y'],
  ['ÿ', 'y'],
  ['ź', 'z'],
  ['ż', 'z'],
  ['ž', 'z'],
];

/**
 * Separates the folded name from the name itself in the key. It sorts below every printable
 * character, so "Bau" + separator comes before "Bauer": a name that is a prefix of another
 * comes first, as in a dictionary.
 */
export const SORT_KEY_SEPARATOR = '\u0001';

/**
 * The sort key of a name in German order (DIN 5007-1): the name lower-cased with umlauts,
 * ß and accents folded, then the separator and the name as written (the tie-break, so "Muller"
 * and "Müller" keep a fixed order). Compare keys by plain string comparison (UTF-16 code units,
 * as Neo4j and JavaScript do).
 *
 * @example germanSortKey('Bäckerei') < germanSortKey('Braun') // true
 */
export function germanSortKey(name: string): string {
  let folded = name.toLowerCase();
  for (const [from, to] of GERMAN_FOLDS) {
    if (folded.includes(from)) folded = folded.split(from).join(to);
  }
  return `${folded}${SORT_KEY_SEPARATOR}${name}`;
}

/** A Cypher string literal of a fold letter (the letters are constants of this module). */
function cypherLiteral(text: string): string {
  const escaped = [...text]
    .map((c) => {
      const code = c.charCodeAt(0);
      return code < 0x20 || code === 0x307
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : c === "'" || c === '\\'
          ? `\\${c}`
          : c;
    })
    .join('');
  return `'${escaped}'`;
}

/**
 * {@link germanSortKey} as a Cypher expression over a name expression (`p.name`), for the
 * migration that fills the key for partners written before it existed. It contains only this
 * module's constants, never user text.
 */
export function germanSortKeyCypher(name: string): string {
  const folds = GERMAN_FOLDS.map(([from, to]) => `[${cypherLiteral(from)}, ${cypherLiteral(to)}]`);
  return `reduce(s = toLower(${name}), fold IN [${folds.join(', ')}] | replace(s, fold[0], fold[1])) + ${cypherLiteral(SORT_KEY_SEPARATOR)} + ${name}`;
}

/**
 * The stored German sort key of partner `v`'s name: every ordering of partners by name reads it
 * (root and nested connections), so "Bäckerei" comes before "Braun" and cursors hold the key.
 */
export const partnerNameSort = (v: string): string => `${v}.nameSortKey`;
