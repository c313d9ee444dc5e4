import type { CypherExecutor } from '../db/executor';
import type { PartnerStandings } from './token-sweep';
import type { PartnerTokenStanding } from './tokens';

/**
 * Looks the partner of a PARTNER token up in the graph, one parameterised read per
 * authenticated request or socket: `null` when the partner does not exist (its token is refused
 * with 401), else its `tokensValidAfter` in seconds since the epoch (`null` when never set).
 */
export function partnerStandingFromGraph(executor: CypherExecutor): PartnerTokenStanding {
  return async (partnerId) => {
    const rows = await executor.read(
      {
        cypher: 'MATCH (p:Partner {id: $partnerId}) RETURN p.tokensValidAfter AS validAfter',
        params: { partnerId },
      },
      (record) => record.get('validAfter') as unknown,
    );
    if (rows.length === 0) return null;
    const validAfter = rows[0];
    if (validAfter === null || validAfter === undefined) return { tokensValidAfter: null };
    return { tokensValidAfter: Number(validAfter) };
  };
}

/**
 * The batched form for the token sweep (src/auth/token-sweep.ts): the `tokensValidAfter` of many
 * partners in one parameterised read (an index lookup per id). A partner that does not exist is
 * missing from the map.
 */
export function partnerStandingsFromGraph(executor: CypherExecutor): PartnerStandings {
  return async (partnerIds) => {
    const rows = await executor.read(
      {
        cypher: `UNWIND $partnerIds AS partnerId
MATCH (p:Partner {id: partnerId})
RETURN p.id AS id, p.tokensValidAfter AS validAfter`,
        params: { partnerIds: [...partnerIds] },
      },
      (record) => ({
        id: record.get('id') as string,
        validAfter: record.get('validAfter') as unknown,
      }),
      'tokenSweep',
    );
    return new Map(
      rows.map(({ id, validAfter }) => [
        id,
        {
          tokensValidAfter:
            validAfter === null || validAfter === undefined ? null : Number(validAfter),
        },
      ]),
    );
  };
}
