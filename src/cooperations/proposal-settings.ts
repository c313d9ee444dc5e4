/** How long proposals live and how often expired ones are swept. */
export interface ProposalSettings {
  /**
   * ISO-8601 duration after which an unconfirmed proposal expires (`PROPOSAL_TTL`).
   * @default 'P30D' // 30 days
   */
  ttl?: string;
  /**
   * Milliseconds between two sweeps that set expired proposals EXPIRED (`PROPOSAL_SWEEP_MS`).
   * @default 60_000 // 1 minute
   */
  sweepMs?: number;
}

/** The defaults of {@link ProposalSettings}, shared by src/config.ts and the slice. */
export const PROPOSAL_DEFAULTS = { ttl: 'P30D', sweepMs: 60_000 } as const;
