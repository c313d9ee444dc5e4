import { Arg, Args, Authorized, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import type { AuditRepository } from './audit.repository';
import { type AuditEntry, AuditEntryConnection, AuditFilter } from './audit.types';

/** The audit log is always listed newest first. */
const NEWEST_FIRST = { field: 'AT', direction: 'DESC' };

/** The audit log, for coordinators. */
@Resolver()
export class AuditResolver {
  constructor(private readonly auditRepository: AuditRepository) {}

  @Authorized(Role.COORDINATOR)
  @Query(() => AuditEntryConnection, { description: 'Every write, newest first (coordinators).' })
  auditLog(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
  ): Promise<Page<AuditEntry>> {
    const where = filter ?? undefined;
    return orderedConnection('auditLog', args, NEWEST_FIRST, {
      rows: (_order, request) => this.auditRepository.findPage(where, request),
      count: () => this.auditRepository.count(where),
    });
  }
}
