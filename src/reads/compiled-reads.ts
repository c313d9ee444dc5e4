import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { AuthUser } from '../auth/auth.types';
import type { RequestContext } from '../context';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import { Compilation } from './read-compiler';
import type { ReadModel } from './read-model';
import type { CompiledRoot, RootReader } from './read-roots';
import { argumentsOf, type SelectedField, selectionScope } from './selection';

/** How often a root field was compiled, or left to the resolvers (and why). */
export type ReadOutcome = 'compiled' | 'partly' | 'unsupported' | 'off';

/** What the compiled reads are built from. */
export interface CompiledReadsOptions {
  executor: CypherExecutor;
  model: ReadModel;
  /** Root readers by `Type.field`, e.g. `Query.partners`. */
  roots: Record<string, RootReader>;
  /** `READ_COMPILER=false` serves every read through the resolvers and their DataLoaders. */
  enabled: boolean;
  /** Counts each root field's outcome (`/metrics`: `graphql_compiled_reads_total`). */
  count?: (field: string, outcome: ReadOutcome) => void;
}

/** A compiled statement with its shape, and whether fields were left to their resolvers. */
interface CachedStatement {
  query: CypherQuery;
  shape: CompiledRoot['shape'];
  partly: boolean;
}

/** Statements kept per field node: one per role, viewer and variable values in use. */
const STATEMENTS_PER_FIELD = 32;

/**
 * Serves the plain read fields with one Cypher statement per root field: the selection below
 * the field (aliases, fragments, nested connections) is compiled into one statement that
 * returns exactly the selected values in the response's shape, so graphql-js only hands them
 * through (see `compiledFieldsFirst`). A field the compiler does not read is resolved by its
 * resolver from the parent object the statement also returns; a root field it cannot compile
 * at all is served by its resolver.
 *
 * Statements are cached per field node of the parsed document (Apollo keeps parsed documents
 * in a bounded store, and the WeakMap lets them go with it) and, under it, per role, viewer and
 * variable values, at most {@link STATEMENTS_PER_FIELD}.
 */
export class CompiledReads {
  private readonly statements = new WeakMap<FieldNode, Map<string, CachedStatement | null>>();

  constructor(private readonly options: CompiledReadsOptions) {}

  /**
   * The value of a root field: compiled when possible, else `resolve()`.
   *
   * @throws BAD_USER_INPUT for the arguments the field's resolver would refuse
   */
  async serve<T>(
    info: GraphQLResolveInfo,
    ctx: RequestContext,
    resolve: () => Promise<T>,
  ): Promise<T> {
    const name = `${info.parentType.name}.${info.fieldName}`;
    const root = this.options.roots[name];
    if (!this.options.enabled || !root) {
      this.options.count?.(name, 'off');
      return resolve();
    }
    const statement = this.statementFor(info, ctx.user, root);
    if (!statement) {
      this.options.count?.(name, 'unsupported');
      return resolve();
    }
    this.options.count?.(name, statement.partly ? 'partly' : 'compiled');
    const records = await this.options.executor.readRecords(statement.query, info.fieldName);
    return statement.shape(records) as T;
  }

  private statementFor(
    info: GraphQLResolveInfo,
    user: AuthUser | null,
    root: RootReader,
  ): CachedStatement | null {
    const node = info.fieldNodes[0] as FieldNode;
    const key = `${user?.role ?? 'PUBLIC'}\u0000${user?.partnerId ?? ''}\u0000${JSON.stringify(info.variableValues)}`;
    let cached = this.statements.get(node);
    const hit = cached?.get(key);
    if (hit !== undefined) return hit;
    const statement = this.compile(info, user, root);
    if (!cached) {
      cached = new Map();
      this.statements.set(node, cached);
    }
    if (cached.size >= STATEMENTS_PER_FIELD) cached.delete(cached.keys().next().value as string);
    cached.set(key, statement);
    return statement;
  }

  private compile(
    info: GraphQLResolveInfo,
    user: AuthUser | null,
    root: RootReader,
  ): CachedStatement | null {
    const scope = selectionScope(info);
    const compilation = new Compilation(this.options.model, scope, user);
    const field: SelectedField = {
      key: info.path.key as string,
      field: info.parentType.getFields()[info.fieldName] as SelectedField['field'],
      nodes: info.fieldNodes,
    };
    const compiled = root(compilation, field, argumentsOf(field, scope));
    if (!compiled) return null;
    return {
      query: { cypher: compiled.cypher, params: compilation.params },
      shape: compiled.shape,
      partly: compilation.fallbacks > 0,
    };
  }
}
