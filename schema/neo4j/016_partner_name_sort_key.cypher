// German order of partner names (DIN 5007-1, docs/queries.md#german-order): a stored sort key,
// written by every writer of Partner.name (src/partners/german-sort-key.ts), read through a range
// index so that orderBy NAME and its cursors stay index-backed.
CREATE INDEX partner_name_sort_key IF NOT EXISTS FOR (p:Partner) ON (p.nameSortKey);
// Partners written before the key existed: the same folding as germanSortKey, in Cypher
// (test/unit/german-sort-key.test.ts keeps the two equal).
MATCH (p:Partner) WHERE p.nameSortKey IS NULL AND p.name IS NOT NULL
SET p.nameSortKey = reduce(s = toLower(p.name), fold IN [['ä', 'a'], ['ö', 'o'], ['ü', 'u'], ['ß', 'ss'], ['à', 'a'], ['á', 'a'], ['â', 'a'], ['ã', 'a'], ['å', 'a'], ['ă', 'a'], ['ą', 'a'], ['æ', 'ae'], ['ç', 'c'], ['ć', 'c'], ['č', 'c'], ['đ', 'd'], ['è', 'e'], ['é', 'e'], ['ê', 'e'], ['ë', 'e'], ['ę', 'e'], ['ğ', 'g'], ['ì', 'i'], ['í', 'i'], ['î', 'i'], ['ï', 'i'], ['ı', 'i'], ['\u0307', ''], ['ł', 'l'], ['ñ', 'n'], ['ń', 'n'], ['ò', 'o'], ['ó', 'o'], ['ô', 'o'], ['õ', 'o'], ['ø', 'o'], ['œ', 'oe'], ['ś', 's'], ['ş', 's'], ['ș', 's'], ['š', 's'], ['ţ', 't'], ['ț', 't'], ['ù', 'u'], ['ú', 'u'], ['û', 'u'], ['ý', 'y'], ['ÿ', 'y'], ['ź', 'z'], ['ż', 'z'], ['ž', 'z']] | replace(s, fold[0], fold[1])) + '\u0001' + p.name;
