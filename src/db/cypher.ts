/** Filter conditions and the parameters they use, collected by {@link conditionSet}. */
export interface ConditionSet {
  readonly conditions: string[];
  readonly params: Record<string, unknown>;
  /** Adds a condition (our own Cypher text) with the parameters it refers to. */
  add(condition: string, values?: Record<string, unknown>): void;
}

/** Starts an empty set of filter conditions; every repository's filter is built with one. */
export function conditionSet(): ConditionSet {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  return {
    conditions,
    params,
    add(condition, values = {}) {
      conditions.push(condition);
      Object.assign(params, values);
    },
  };
}

/** Joins conditions into a `WHERE` clause; empty when there are none. */
export function whereClause(conditions: readonly (string | null)[]): string {
  const present = conditions.filter((c): c is string => c !== null);
  return present.length > 0 ? `WHERE ${present.join(' AND ')}` : '';
}

/**
 * Aligns `[id, value]` rows of a batched query with the ids asked for, as DataLoader needs:
 * one value per id, in the same order, `missing` where the query returned nothing.
 */
export function alignById<T>(ids: readonly string[], rows: [string, T][], missing: T): T[] {
  const byId = new Map(rows);
  return ids.map((id) => byId.get(id) ?? missing);
}
