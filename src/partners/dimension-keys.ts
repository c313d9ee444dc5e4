/**
 * `Partner.dimensionKeys`: the sorted, distinct keys of the dimensions a partner engages in, kept
 * on the node beside its `ENGAGES_IN` relationships. Filtering partners by dimension (`filter:
 * {dimensions}`) then reads one property per partner instead of walking its relationships and
 * their dimensions: at 50,000 partners the district × dimension page read 173k database hits
 * before and 30k after (docs/performance.md). The relationships stay the truth (perspectives
 * live on them); every writer of `ENGAGES_IN` refreshes the list in the same transaction, and
 * `test/e2e/partner-dimension-keys.test.ts` checks that they agree after each writer.
 */

/**
 * Cypher that sets `p.dimensionKeys` from `p`'s current `ENGAGES_IN` relationships (those the
 * same statement just wrote included). Needs `p` bound.
 */
export const SET_DIMENSION_KEYS = `SET p.dimensionKeys = COLLECT {
  MATCH (p)-[:ENGAGES_IN]->(d:Dimension) RETURN DISTINCT d.key AS key ORDER BY key
}`;

/** The keys of `p`'s dimensions read from its relationships (a list expression; needs `p` bound). */
export const ENGAGED_DIMENSION_KEYS = '[(p)-[:ENGAGES_IN]->(d:Dimension) | d.key]';

/** The value of `dimensionKeys` for the given engagements (for writers that build rows in code). */
export function dimensionKeysOf(engagements: readonly { dimension: string }[]): string[] {
  return [...new Set(engagements.map((e) => e.dimension))].sort();
}
