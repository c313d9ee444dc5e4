import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** One response key of a selection: the field it reads and every node that asks for it. */
export interface SelectedField {
  /** The response key (the alias, or the field name). */
  key: string;
  field: GraphQLField<unknown, unknown>;
  nodes: readonly FieldNode[];
}

/** What reading a selection needs from the operation: fragments and variable values. */
export interface SelectionScope {
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variableValues: Readonly<Record<string, unknown>>;
}

/** The scope of the operation a resolver runs in. */
export function selectionScope(info: GraphQLResolveInfo): SelectionScope {
  return { fragments: info.fragments, variableValues: info.variableValues };
}

/** `@skip` and `@include` as graphql-js applies them (their `if` coerced with the variables). */
function included(node: SelectionNode, scope: SelectionScope): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, scope.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, scope.variableValues);
  return include?.if !== false;
}

function collectInto(
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  scope: SelectionScope,
  into: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(selection, scope)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.set(key, [...(into.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (condition === undefined || condition === type.name) {
        collectInto(type, selection.selectionSet, scope, into, visited);
      }
    } else {
      const name = selection.name.value;
      const fragment = scope.fragments[name];
      if (visited.has(name) || fragment?.typeCondition.name.value !== type.name) continue;
      visited.add(name);
      collectInto(type, fragment.selectionSet, scope, into, visited);
    }
  }
}

/**
 * The fields selected on an object type under the given field nodes, merged by response key as
 * graphql-js merges them (fragments spread, `@skip`/`@include` applied). The compiled types are
 * object types without interfaces, so a type condition either names the type or does not apply.
 * `__typename` is left out: graphql-js answers it itself.
 */
export function selectedFields(
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  scope: SelectionScope,
): SelectedField[] {
  const byKey = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const node of nodes) {
    if (node.selectionSet) collectInto(type, node.selectionSet, scope, byKey, visited);
  }
  const fields: SelectedField[] = [];
  for (const [key, fieldNodes] of byKey) {
    const name = fieldNodes[0]?.name.value ?? '';
    const field = type.getFields()[name];
    if (field) fields.push({ key, field, nodes: fieldNodes });
  }
  return fields;
}

/** The object type a field returns, through lists and non-null; `null` for scalars. */
export function objectTypeOf(field: GraphQLField<unknown, unknown>): GraphQLObjectType | null {
  const named = getNamedType(field.type);
  return isObjectType(named) ? named : null;
}

/** The argument values of a selected field, with defaults and variables applied. */
export function argumentsOf(
  selected: SelectedField,
  scope: SelectionScope,
): Record<string, unknown> {
  return getArgumentValues(selected.field, selected.nodes[0] as FieldNode, scope.variableValues);
}

/**
 * Whether the executor reads a field straight from its parent's property of the same name: a
 * value field (scalar or enum, no arguments) without a resolver. The compiled types declare
 * `simpleResolvers` so that their plain values are such fields, and `compiledFieldsFirst`
 * leaves them unwrapped: graphql-jit then reads them inline, without calling a resolver and
 * building its resolve info (about three of four fields of a nested page are values). Such a
 * field must hold a plain value on the resolvers' path too: graphql-jit does not await a
 * promise it reads inline (a lazy count keeps its resolver, see `connectionType`).
 */
export function readsByName(field: GraphQLField<unknown, unknown>): boolean {
  return (
    field.resolve === undefined && field.args.length === 0 && isLeafType(getNamedType(field.type))
  );
}

/**
 * Where a compiled object keeps a selected field's value: under the field's name when the
 * executor reads it there ({@link readsByName}; every alias of such a field has the same value),
 * else under the response key, where the wrapped resolver looks.
 */
export function slotOf(selected: SelectedField): string {
  return readsByName(selected.field) ? selected.field.name : selected.key;
}

/**
 * The selected fields ({@link selectedFields}) a compiled object can hold, or `null` when two
 * would share a slot with different values: a response key that is also the name of a value
 * field read by name (`{ id: district { name } key: id }`). Such a selection is left to the
 * resolvers rather than stored twice.
 */
export function slottedFields(
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  scope: SelectionScope,
): SelectedField[] | null {
  const fields = selectedFields(type, nodes, scope);
  const byName = new Set(fields.filter((f) => readsByName(f.field)).map((f) => f.field.name));
  return fields.some((f) => !readsByName(f.field) && byName.has(f.key)) ? null : fields;
}
