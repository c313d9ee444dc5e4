import type { CypherExecutor } from '../db/executor';
import type { Slice } from '../slice';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';

/** The audit log slice (coordinators read who changed what). */
export function auditSlice(executor: CypherExecutor): Slice {
  return { name: 'audit', resolvers: [new AuditResolver(new AuditRepository(executor))] };
}
