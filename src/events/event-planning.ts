import { randomUUID } from 'node:crypto';
import { IsISO8601, Length } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { Role, type AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { LocalDate } from '../common/scalars';
import type { RequestContext } from '../context';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import { fromNeo4j } from '../db/values';
import { runWrite } from '../db/write-unit';
import { EVENT_PROJECTION } from './event.repository';
import { AllianceEvent, EventKind } from './event.types';

/**
 * Planning meetings and trainings. Until this existed, events came only from imports and the demo
 * seed, which hold what already happened: "upcoming events" had nothing to find.
 */

/** The kinds of event a coordinator plans here (action days are cooperations' events). */
export const PLANNABLE_KINDS = [EventKind.ALLIANCE_MEETING, EventKind.TRAINING] as const;

/** What `planEvent` is given. */
@InputType({ description: 'Ein Bündnistreffen oder eine Qualifizierung planen.' })
export class PlanEventInput {
  @Field(() => EventKind, { description: 'ALLIANCE_MEETING or TRAINING.' })
  kind!: EventKind;

  @Field(() => String, { description: '1–200 characters.' })
  @Length(1, 200)
  title!: string;

  @Field(() => LocalDate, { description: 'Today or later.' })
  @IsISO8601({ strict: true })
  date!: string;
}

const planQuery = (id: string, input: PlanEventInput): CypherQuery => ({
  cypher: `CREATE (e:Event {id: $id, kind: $kind, title: $title, date: date($date)})
RETURN ${EVENT_PROJECTION} AS event`,
  params: { id, kind: input.kind, title: input.title, date: input.date },
});

/** Plans meetings and trainings (coordinators). */
export class EventPlanner {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Plans an alliance meeting or a training.
   * @throws BAD_USER_INPUT for another kind (`input.kind`) or a day in the past (`input.date`)
   */
  plan(user: AuthUser | null, input: PlanEventInput): Promise<AllianceEvent> {
    if (!(PLANNABLE_KINDS as readonly EventKind[]).includes(input.kind)) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected input.kind to be ALLIANCE_MEETING or TRAINING, got ${input.kind}`,
        { field: 'input.kind' },
      );
    }
    const today = this.now().toISOString().slice(0, 10);
    if (input.date < today) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected input.date to be today (${today}) or later, got ${input.date}`,
        { field: 'input.date' },
      );
    }
    return runWrite(this.executor, { user, operation: 'planEvent' }, async (tx) => {
      const [event] = await tx.run(planQuery(`e-${randomUUID()}`, input), (r) =>
        fromNeo4j<AllianceEvent>(r.get('event')),
      );
      if (!event) throw new Error('planning an event returned nothing');
      return { result: event, ids: [event.id] };
    });
  }
}

/** `planEvent`; thin: arguments → planner. */
@Resolver()
export class EventPlanningResolver {
  constructor(private readonly planner: EventPlanner) {}

  @Authorized(Role.COORDINATOR)
  @Mutation(() => AllianceEvent, {
    description:
      'Ein Bündnistreffen oder eine Qualifizierung planen (coordinators): shown as upcomingEvents of inactivePartners.',
  })
  planEvent(
    @Arg('input', () => PlanEventInput) input: PlanEventInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AllianceEvent> {
    return this.planner.plan(ctx.user, input);
  }
}
