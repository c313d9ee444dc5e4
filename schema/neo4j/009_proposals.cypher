// Proposals (docs/follow-through.md#proposals): the named partners of a DRAFT cooperation are
// PROPOSED_IN it; only when all confirmed do they PARTICIPATES_IN it, so that everything reading
// PARTICIPATES_IN (counts, matching, network, analytics) sees ACTIVE and ENDED cooperations only.
// The sweeper finds expired DRAFTs by status and expiresAt.
CREATE INDEX cooperation_status_expires_at IF NOT EXISTS FOR (c:Cooperation) ON (c.status, c.expiresAt);
// Data: DRAFTs of earlier versions linked their partners by PARTICIPATES_IN and counted them.
// Each statement changes only what still needs changing, so a repeat changes nothing.
MATCH (p:Partner)-[r:PARTICIPATES_IN]->(c:Cooperation) WHERE NOT c.status IN ['ACTIVE', 'ENDED'] CREATE (p)-[:PROPOSED_IN {role: r.role, confirmedAt: null}]->(c) SET p.cooperationCount = CASE WHEN coalesce(p.cooperationCount, 0) > 0 THEN p.cooperationCount - 1 ELSE 0 END DELETE r;
MATCH (m:ExchangeMatch)-[:PROPOSED]->(c:Cooperation) WHERE c.matchId IS NULL SET c.matchId = m.id, c.exchangeId = m.exchangeId;
MATCH (c:Cooperation {status: 'DRAFT'}) WHERE c.proposedAt IS NULL SET c.proposedAt = datetime(), c.expiresAt = datetime() + duration('P30D');
