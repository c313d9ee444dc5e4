// Partner.dimensionKeys: the sorted keys of the dimensions a partner engages in, beside its
// ENGAGES_IN relationships, so that filtering by dimension reads one property per partner
// (src/partners/dimension-keys.ts). Every writer of ENGAGES_IN refreshes it; this fills it for
// the partners written before.
MATCH (p:Partner) WHERE p.dimensionKeys IS NULL
SET p.dimensionKeys = COLLECT { MATCH (p)-[:ENGAGES_IN]->(d:Dimension) RETURN DISTINCT d.key AS key ORDER BY key };
