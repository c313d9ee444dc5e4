import { Arg, Args, Authorized, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, type Page, toPage, toPageRequest } from '../common/pagination';
import type { AuditRepository } from './audit.repository';
import { type AuditEntry, AuditEntryConnection, AuditFilter } from './audit.types';

/** The audit log, for coordinators. */
@Resolver()
export class AuditResolver {
  constructor(private readonly auditRepository: AuditRepository) {}

  @Authorized(Role.COORDINATOR)
  @Query(() => AuditEntryConnection, { description: 'Every write, newest first (coordinators).' })
  async auditLog(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
  ): Promise<Page<AuditEntry>> {
    const scope = 'auditLog:AT:DESC';
    const request = toPageRequest(scope, args);
    const rows = await this.auditRepository.findPage(filter ?? undefined, request);
    return toPage(scope, request, rows, () => this.auditRepository.count(filter ?? undefined));
  }
}
