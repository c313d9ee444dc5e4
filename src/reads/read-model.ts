import type { CursorValueType } from '../db/cursor-values';

/**
 * How the read compiler reads the fields of the types it compiles. Every Cypher fragment here is
 * a function of variable names the compiler makes (`v1`, `v2`, …); values arrive as parameters
 * through `param`. Variables bound inside a fragment's own subqueries are spelled-out words
 * (`organiser`), never one letter, so they cannot capture a variable of an enclosing scope.
 */
export type FieldReader =
  /** A property or an expression of the object, e.g. `toString(v.joinedOn)`. */
  | { kind: 'value'; cypher: (v: string) => string }
  /**
   * A private property: read only for the viewers the rule names, else `null` without reading.
   * `selfContactOrCoordinator` also shows it to a partner the object shares its contact with
   * (`SHARES_CONTACT`, an accepted contact request, src/contacts).
   */
  | {
      kind: 'private';
      property: string;
      visibleTo: 'selfOrCoordinator' | 'selfContactOrCoordinator' | 'coordinator';
    }
  /** One related object (or `null`): a pattern from `v` to `w`, or an expression of `v`. */
  | { kind: 'one'; pattern: (v: string, w: string) => string }
  | { kind: 'oneOf'; expression: (v: string) => string }
  /** A list of related objects, matched from `v` to `w` and ordered. */
  | { kind: 'many'; match: (v: string, w: string) => string; orderBy: (w: string) => string }
  /** A nested Relay connection. */
  | { kind: 'connection'; connection: NestedConnection };

/** A nested connection such as `Partner.cooperations`. */
export interface NestedConnection {
  /** Cypher matching the parent `v` to each item `w`. */
  match: (v: string, w: string) => string;
  /** The sort (value type, expression of `w`, natural direction); ties are broken by `w.id`. */
  sort: {
    valueType: CursorValueType;
    expression: (w: string) => string;
    direction: 'ASC' | 'DESC';
  };
  /** The parent's key, whose value names the cursor scope. */
  parentKey: (v: string) => string;
  /** The cursor scope of one parent's page, as the resolver of the field computes it. */
  scope: (parentKey: string, args: Record<string, unknown>) => string;
  /** Conditions on `w` from the field's own arguments (besides paging), values through `param`. */
  conditions?: (
    w: string,
    args: Record<string, unknown>,
    param: (value: unknown) => string,
  ) => string[];
}

/** How the compiler reads one object type. */
export interface TypeReader {
  fields: Record<string, FieldReader>;
  /**
   * The object a field resolver outside the compiler gets as its parent (the public properties
   * a repository would return), given the bound variable; unset when the type has none.
   */
  parent?: (v: string) => string;
}

/** The read model: type name → how to read it. Types not listed are never compiled. */
export type ReadModel = Record<string, TypeReader>;

const property = (name: string): FieldReader => ({ kind: 'value', cypher: (v) => `${v}.${name}` });
const dateProperty = (name: string): FieldReader => ({
  kind: 'value',
  cypher: (v) => `toString(${v}.${name})`,
});

/** The value readers of a type, by field name: properties, and dates as `YYYY-MM-DD`. */
export function values(plain: string[], dates: string[] = []): Record<string, FieldReader> {
  return Object.fromEntries([
    ...plain.map((name) => [name, property(name)] as const),
    ...dates.map((name) => [name, dateProperty(name)] as const),
  ]);
}

/** The parent object of a type: every value field, under its field name. */
function parentOf(fields: Record<string, FieldReader>): (v: string) => string {
  const entries = Object.entries(fields).flatMap(([name, reader]) =>
    reader.kind === 'value' ? [[name, reader.cypher] as const] : [],
  );
  return (v) => `{${entries.map(([name, cypher]) => `\`${name}\`: ${cypher(v)}`).join(', ')}}`;
}

/** A type of plain values only. */
export function valueType(plain: string[], dates: string[] = []): TypeReader {
  const fields = values(plain, dates);
  return { fields, parent: parentOf(fields) };
}

/** A type with values and relations; the parent holds the values. */
export function objectType(
  valueFields: Record<string, FieldReader>,
  relations: Record<string, FieldReader>,
): TypeReader {
  return { fields: { ...valueFields, ...relations }, parent: parentOf(valueFields) };
}
