import type { PerRequest } from '../context';
import type { CypherExecutor } from '../db/executor';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import { type CooperationLoaders, cooperationLoaders } from './cooperation.loaders';
import { CooperationMutationResolver } from './cooperation.mutations';
import type { CooperationRepository } from './cooperation.repository';
import { CooperationResolver } from './cooperation.resolver';
import { CooperationService } from './cooperation.service';
import { CooperationWriteService } from './cooperation-write.service';

/** What the cooperations slice is built from. */
export interface CooperationSliceDeps {
  executor: CypherExecutor;
  cooperations: CooperationRepository;
  partnerLoaders: PerRequest<Pick<PartnerLoaders, 'partner'>>;
  /** Serves the read fields with compiled statements. */
  reads: CompiledReads;
}

/** The cooperations slice, with the loaders other slices read cooperations through. */
export interface CooperationsSlice extends Slice {
  loaders: PerRequest<CooperationLoaders>;
}

/** Cooperations (Vielfaltskooperationen, Netzwerkprojekte) and the attendance of events. */
export function cooperationsSlice(deps: CooperationSliceDeps): CooperationsSlice {
  const { executor, cooperations, partnerLoaders } = deps;
  const loaders = cooperationLoaders(cooperations);
  const readLoaders = (ctx: Parameters<typeof loaders>[0]) => ({
    ...loaders(ctx),
    partner: partnerLoaders(ctx).partner,
  });
  return {
    name: 'cooperations',
    resolvers: [
      new CooperationResolver(new CooperationService(cooperations), readLoaders, deps.reads),
      new CooperationMutationResolver(new CooperationWriteService(executor, cooperations)),
    ],
    loaders,
  };
}
