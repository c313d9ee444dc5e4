import { Resolver } from 'type-graphql';
import type { PartnerWriteService } from './partner-write.service';

/** Mutations of partners; thin: arguments → write service. */
@Resolver()
export class PartnerMutationResolver {
  constructor(private readonly partnerWrites: PartnerWriteService) {}
}
