import type { Logger } from 'pino';
import type { PerRequest } from '../context';
import type { CypherExecutor } from '../db/executor';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import { CooperationCreation } from './cooperation-create';
import { type CooperationLoaders, cooperationLoaders } from './cooperation.loaders';
import { CooperationMutationResolver } from './cooperation.mutations';
import type { CooperationRepository } from './cooperation.repository';
import { CooperationResolver } from './cooperation.resolver';
import { CooperationService } from './cooperation.service';
import { CooperationWriteService } from './cooperation-write.service';
import { startSweeper } from './proposal-sweeper';
import { PROPOSAL_DEFAULTS, type ProposalSettings } from './proposal-settings';
import { ProposalService } from './proposal.service';

/** What the cooperations slice is built from. */
export interface CooperationSliceDeps {
  executor: CypherExecutor;
  cooperations: CooperationRepository;
  partnerLoaders: PerRequest<Pick<PartnerLoaders, 'partner'>>;
  /** Serves the read fields with compiled statements. */
  reads: CompiledReads;
  proposals?: ProposalSettings;
  logger: Logger;
}

/** The cooperations slice, with the loaders other slices read cooperations through. */
export interface CooperationsSlice extends Slice {
  loaders: PerRequest<CooperationLoaders>;
  /** The one way cooperations and proposals are made, for the Kooperationsbörse's proposals. */
  creation: CooperationCreation;
}

/**
 * Cooperations (Vielfaltskooperationen, Netzwerkprojekte), their proposals and the attendance of
 * events. Holds the sweeper that expires proposals; `close()` stops it.
 */
export function cooperationsSlice(deps: CooperationSliceDeps): CooperationsSlice {
  const { executor, cooperations, partnerLoaders } = deps;
  const loaders = cooperationLoaders(cooperations);
  const readLoaders = (ctx: Parameters<typeof loaders>[0]) => ({
    ...loaders(ctx),
    partner: partnerLoaders(ctx).partner,
  });
  const creation = new CooperationCreation(deps.proposals?.ttl ?? PROPOSAL_DEFAULTS.ttl);
  const proposals = new ProposalService(executor);
  const sweeper = startSweeper(
    () => proposals.expireProposals(),
    deps.proposals?.sweepMs ?? PROPOSAL_DEFAULTS.sweepMs,
    deps.logger,
  );
  return {
    name: 'cooperations',
    resolvers: [
      new CooperationResolver(new CooperationService(cooperations), readLoaders, deps.reads),
      new CooperationMutationResolver(
        new CooperationWriteService(executor, cooperations, creation),
        proposals,
      ),
    ],
    loaders,
    creation,
    close: () => sweeper.stop(),
  };
}
