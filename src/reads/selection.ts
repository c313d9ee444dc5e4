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
