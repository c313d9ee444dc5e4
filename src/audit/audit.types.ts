import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../auth/auth.types';
import { connectionType } from '../common/connection.types';

/** One write, as recorded for coordinators. */
@ObjectType({ description: 'One write: who, when, which mutation, which ids.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'ISO date-time of the write.' })
  at!: string;

  @Field(() => String, {
    description:
      "The token's subject, `public` for anonymous writes, or `system` for the API's own (expiry of proposals).",
  })
  actor!: string;

  @Field(() => Role, { nullable: true, description: 'Null for PUBLIC.' })
  role!: Role | null;

  @Field(() => String, { description: 'The mutation, e.g. `admitPartner`.' })
  operation!: string;

  @Field(() => [String], { description: 'The ids the write touched.' })
  ids!: string[];
}

/** Relay connection of audit entries. */
export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry');

/** Filter of `auditLog`. */
@InputType({ description: 'Filter of the audit log.' })
export class AuditFilter {
  @Field(() => String, { nullable: true })
  operation?: string | null;

  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries that touched this id.' })
  touching?: string | null;
}
