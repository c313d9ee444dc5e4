import type { TokenRevocations } from '../auth/token-revocations';
import type { CypherExecutor } from '../db/executor';
import type { PerRequest } from '../context';
import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import { type ApplyRateLimitOptions, createApplyRateLimit } from './apply-rate-limit';
import type { PartnerDepartures } from './partner-departures';
import { type PartnerLoaderSources, type PartnerLoaders, partnerLoaders } from './partner.loaders';
import { OfferNeedRepository } from './offer-need.repository';
import { PartnerMutationResolver } from './partner.mutations';
import { PartnerResolver } from './partner.resolver';
import { PartnerService } from './partner.service';
import { PartnerWriteService } from './partner-write.service';

/** What the partners slice is built from. */
export interface PartnerSliceDeps {
  executor: CypherExecutor;
  /** The shared repositories; the slice adds its own offers-and-needs repository. */
  repositories: Omit<PartnerLoaderSources, 'offersNeeds'>;
  applyRateLimit: ApplyRateLimitOptions;
  /** Told when a write ends a partner's tokens (its open WebSockets close). */
  tokenRevocations: TokenRevocations;
  /** Where other slices register their follow-ups of a departure. */
  departures: PartnerDepartures;
  /** Serves the read fields with compiled statements. */
  reads: CompiledReads;
}

/** The partners slice, with the loaders other slices read partners through. */
export interface PartnersSlice extends Slice {
  loaders: PerRequest<PartnerLoaders>;
}

/** Partners: reads, membership (apply, admit, pause, leave), profiles and erasure. */
export function partnersSlice(deps: PartnerSliceDeps): PartnersSlice {
  const { executor, repositories, tokenRevocations } = deps;
  const loaders = partnerLoaders({
    ...repositories,
    offersNeeds: new OfferNeedRepository(executor),
  });
  const limit = createApplyRateLimit(deps.applyRateLimit);
  const writes = new PartnerWriteService(executor, repositories.partners, {
    applyRateLimit: limit,
    tokensEnded: (partnerId) => tokenRevocations.ended(partnerId),
    departures: deps.departures,
  });
  return {
    name: 'partners',
    resolvers: [
      new PartnerResolver(new PartnerService(repositories.partners), loaders, deps.reads),
      new PartnerMutationResolver(writes, loaders),
    ],
    loaders,
    close: () => limit.close(),
  };
}
