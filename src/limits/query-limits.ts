import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  getNullableType,
  getVariableValues,
  type GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode, userError } from '../common/errors';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';

/** The limits every operation must keep, on HTTP and WebSocket alike (docs/security.md). */
export interface QueryLimits {
  /** Deepest field nesting; introspection (`__schema`) does not count. */
  maxDepth: number;
  /** Aliased fields in one operation (`__typename` aliases are free). */
  maxAliases: number;
  /** Directives in one operation (`@include`, `@skip`, …). */
  maxDirectives: number;
  /** Lexical tokens of the document; enforced while parsing, see {@link parseOptions}. */
  maxTokens: number;
  /** Highest {@link costEstimator | estimated cost}. */
  maxCost: number;
}

/** Which limit refused an operation; sent as `extensions.limit`. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'cost';

/** How many items the cost model assumes for a list field without `first`/`last`. */
export const DEFAULT_LIST_SIZE = 10;

/**
 * How many fields the cost estimator visits at most. Fragment spreads are expanded at each use,
 * so a short document can name exponentially many fields (a fragment spreading another twice,
 * thirty levels deep); the estimate stops there and the operation is refused.
 */
export const MAX_ESTIMATED_FIELDS = 10_000;

/** The size arguments of list and connection fields, in the order they are looked at. */
const SIZE_ARGUMENTS = ['first', 'last'] as const;

/** Checks operations against {@link QueryLimits}; made by {@link createQueryLimits}. */
export interface QueryLimitChecker {
  /**
   * Checks a parsed, schema-valid document with the request's variables. Runs no resolver and
   * no Cypher, so it can refuse an operation before anything is read.
   *
   * @returns the error to send (code `QUERY_TOO_COMPLEX`, `extensions.limit` and `maximum`), or
   *   `undefined` when every limit is kept
   */
  check(
    document: DocumentNode,
    variables?: Record<string, unknown> | null,
    maxCost?: number,
  ): GraphQLError | undefined;
  /** The cost of the costliest operation in the document whose variables can be coerced. */
  cost(document: DocumentNode, variables?: Record<string, unknown> | null): number;
}

/**
 * The work of fields that compute rather than read, in cost units (1 ≈ one field of one item, a
 * fraction of a millisecond), added to the field's own cost once per call — and so once per
 * parent item in a list. Measured on the demo alliance (docs/security.md): one suggestion list
 * ~100 ms, a consortium search ~0.5 s, an uncached network with layout ~1 s, a graph analysis over
 * the network ~1 s; plain reads ~0.1 ms per field and item.
 */
export const FIELD_WORK: Readonly<Record<string, number>> = {
  'Query.suggestedPartners': 1_000,
  'Partner.suggestions': 1_000,
  'InactivePartner.suggestedPartners': 1_000,
  'InactivePartner.buddy': 1_000,
  'Query.suggestedConsortia': 5_000,
  'Query.network': 10_000,
  'Query.dimensionPairGaps': 10_000,
  'Query.isolatedPartners': 10_000,
  'Query.communities': 10_000,
  'Query.brokers': 10_000,
  'Query.bridgeOpportunities': 10_000,
};

/**
 * Estimates what a field may cost: 1 for the field itself, its {@link FIELD_WORK}, plus its selection's cost times the
 * number of items it may return. That number is the `first`/`last` argument (its default when
 * omitted: the field's own default, else the connection page size of 20), 1 for the `edges` of a
 * connection (already counted by the connection's size), {@link DEFAULT_LIST_SIZE} for other
 * lists, and 1 for single objects. Introspection and `__typename` are free: they read the schema,
 * not the graph.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const work = FIELD_WORK[`${type.name}.${field.name}`] ?? 0;
  return 1 + work + itemsOf(type, field, args) * childComplexity;
};

function itemsOf(
  parent: { name: string },
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  for (const name of SIZE_ARGUMENTS) {
    const size = args[name];
    if (typeof size === 'number') return Math.max(size, 0);
  }
  if (field.args.some((arg) => (SIZE_ARGUMENTS as readonly string[]).includes(arg.name))) {
    return DEFAULT_PAGE_SIZE;
  }
  if (isConnection(parent)) return 1;
  return isListType(getNullableType(field.type)) ? DEFAULT_LIST_SIZE : 1;
}

/** A Relay connection type: its `edges` are as many as the page size of the field returning it. */
function isConnection(type: { name: string }): boolean {
  return isObjectType(type) && 'pageInfo' in type.getFields() && 'edges' in type.getFields();
}

/**
 * Makes the checker of the depth, alias, directive and cost limits for one schema. The first
 * three come from graphql-armor's validation rules (they depend on the document only); the cost
 * comes from graphql-query-complexity with {@link costEstimator}, per request, because page sizes
 * are often variables.
 */
export function createQueryLimits(schema: GraphQLSchema, limits: QueryLimits): QueryLimitChecker {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ...reportAs('depth', limits.maxDepth) }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases', limits.maxAliases) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportAs('directives', limits.maxDirectives) }),
  ];
  // Depth, aliases and directives depend on the document alone: validated once per document.
  const refusals = new WeakMap<DocumentNode, GraphQLError | null>();
  const documentRefusal = (document: DocumentNode) => {
    let refused = refusals.get(document);
    if (refused === undefined) {
      refused = validate(schema, document, rules)[0] ?? null;
      refusals.set(document, refused);
    }
    return refused;
  };
  // Apollo hands the same DocumentNode for the same query text (its document cache), so a client
  // repeating one costly query is estimated once per set of variables, not per request.
  const estimates = new WeakMap<DocumentNode, Map<string, number>>();
  const cost = (document: DocumentNode, variables?: Record<string, unknown> | null) => {
    const known = estimates.get(document) ?? new Map<string, number>();
    const key = JSON.stringify(variables ?? {});
    let estimate = known.get(key);
    if (estimate === undefined) {
      estimate = Math.max(
        0,
        ...operationsOf(document).map((op) => operationCost(schema, document, op, variables)),
      );
      if (known.size < 100) known.set(key, estimate);
      estimates.set(document, known);
    }
    return estimate;
  };
  return {
    cost,
    check(document, variables, maxCost = limits.maxCost) {
      const refused = documentRefusal(document);
      if (refused) return refused;
      let estimate: number;
      try {
        estimate = cost(document, variables);
      } catch {
        return limitError(
          `Query cost could not be estimated within ${MAX_ESTIMATED_FIELDS} fields (fragments are counted at each use).`,
          'cost',
          limits.maxCost,
        );
      }
      if (estimate <= maxCost) return undefined;
      return limitError(
        `Query cost limit of ${maxCost} exceeded, found ${estimate}.`,
        'cost',
        maxCost,
        { cost: estimate },
      );
    },
  };
}

/**
 * Options for graphql-js `parse` (Apollo's `parseOptions`, and graphql-ws's parse here): a
 * document over the token limit is refused while it is being read, before any other work.
 */
export function parseOptions(limits: Pick<QueryLimits, 'maxTokens'>): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

/** The operations the cost applies to: each one of a document, the lone anonymous one included. */
function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
}

/**
 * The cost of one operation; 0 when its variables do not coerce: such an operation never runs
 * (execution refuses it with a clear error first), and an invented value would only mislead.
 */
function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown> | null,
): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return 0;
  const fragments = document.definitions.filter(
    (definition) => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  return getComplexity({
    schema,
    estimators: [costEstimator],
    query: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
    variables: variables ?? {},
    maxQueryNodes: MAX_ESTIMATED_FIELDS,
  });
}

/**
 * graphql-armor options that report a refusal as our coded error instead of throwing: a throw
 * would escape graphql-js `validate` and become an internal error.
 */
function reportAs(limit: LimitName, maximum: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          // graphql-armor words every refusal as a syntax error; it is not one.
          limitError(error.message.replace(/^Syntax Error: /, ''), limit, maximum),
        ),
    ],
  };
}

function limitError(
  message: string,
  limit: LimitName,
  maximum: number,
  details: Record<string, unknown> = {},
): GraphQLError {
  return userError(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, maximum, ...details });
}
