import { Resolver } from 'type-graphql';
import type { CooperationWriteService } from './cooperation-write.service';

/** Mutations of cooperations and alliance events; thin: arguments → write service. */
@Resolver()
export class CooperationMutationResolver {
  constructor(private readonly cooperationWrites: CooperationWriteService) {}
}
