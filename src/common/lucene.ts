import { ErrorCode, userError } from './errors';

/** The longest search text accepted. */
export const MAX_SEARCH_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

// Every character with a meaning in Lucene's query syntax.
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Turns free user text into a safe Lucene query for a Neo4j full-text index: every special
 * character is escaped (so no user text can change the query's structure or make it invalid),
 * and every word must match as a prefix (`+word*`), which suits search-as-you-type.
 *
 * @returns the query, or `null` when the text has no words
 * @throws BAD_USER_INPUT when the text is longer than {@link MAX_SEARCH_LENGTH}
 */
export function toLuceneQuery(text: string): string | null {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected search to be at most ${MAX_SEARCH_LENGTH} characters, got ${text.length}`,
      { argument: 'filter.search' },
    );
  }
  // Control characters carry no meaning in a name; treat them like spaces.
  const words = text.replace(CONTROL_CHARACTERS, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  // Wildcard terms are not analysed by Lucene, so they are lower-cased here as the index is.
  return words.map((word) => `+${word.toLowerCase().replace(SPECIAL, '\\$&')}*`).join(' ');
}

/**
 * Turns a stored text (an offer or a need) into a Lucene query that finds texts sharing any of its
 * words: every word is escaped and left to the index's analyzer (German or English stemming, stop
 * words), and the words are joined with OR, so more shared words score higher. Written next to the
 * text when it is saved, so Cypher never builds a query from text.
 * @returns the query, or `null` when the text has no words
 */
export function toTermQuery(text: string): string | null {
  const words = text
    .replace(CONTROL_CHARACTERS, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.replace(SPECIAL, '\\$&'));
  if (words.length === 0) return null;
  // Lucene's operators are words too; quoting would change their meaning, lowercase does not.
  return words
    .map((word) => (/^(AND|OR|NOT|TO)$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}
