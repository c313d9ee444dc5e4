/** A perspective from which a partner engages in a dimension. */
export type Perspective = 'COMMUNITY' | 'ADVOCACY' | 'SERVICE';

/** One (dimension, perspective) a partner brings. */
export interface Engagement {
  dimension: string;
  perspective: Perspective;
}

/** Which part of the cross-dimension rule a pair or group fails; `null` when it passes. */
export type CrossDimensionViolation =
  | { rule: 'TOO_FEW_PARTNERS'; message: string }
  | { rule: 'TOO_FEW_DIMENSIONS'; message: string; covered: string[] }
  | { rule: 'NOTHING_TO_BRING'; message: string; partnerIndex: number };

const engagementKey = (e: Engagement) => `${e.dimension}/${e.perspective}`;

/** The (dimension, perspective) pairs of `a` that `b` lacks. */
export function brings(a: readonly Engagement[], b: readonly Engagement[]): Engagement[] {
  const other = new Set(b.map(engagementKey));
  return a.filter((e) => !other.has(engagementKey(e)));
}

/** The distinct dimensions covered by all given profiles, sorted. */
export function coveredDimensions(profiles: readonly (readonly Engagement[])[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.map((e) => e.dimension)))].sort();
}

/**
 * The cross-dimension rule of a *Vielfaltskooperation* (docs/alliance.md, "The cross-dimension
 * rule"): together the partners cover at least two dimensions, and each brings a dimension or a
 * perspective the other lacks.
 *
 * For more than two partners we decided: the group covers at least two dimensions and every
 * partner brings something (a dimension or a perspective on one) to at least one other partner
 * of the group, so nobody is a mere copy of all the others.
 *
 * @param profiles - each partner's engagements, in the order of the partners
 * @returns `null` when the rule holds, otherwise the first part that fails
 */
export function checkCrossDimensionRule(
  profiles: readonly (readonly Engagement[])[],
): CrossDimensionViolation | null {
  if (profiles.length < 2) {
    return {
      rule: 'TOO_FEW_PARTNERS',
      message: `expected at least 2 partners, got ${profiles.length}`,
    };
  }
  const covered = coveredDimensions(profiles);
  if (covered.length < 2) {
    return {
      rule: 'TOO_FEW_DIMENSIONS',
      message: `expected the partners to cover at least 2 dimensions together, got ${covered.length} (${covered.join(', ') || 'none'})`,
      covered,
    };
  }
  const index = profiles.findIndex((own, i) =>
    profiles.every((other, j) => i === j || brings(own, other).length === 0),
  );
  if (index >= 0) {
    return {
      rule: 'NOTHING_TO_BRING',
      message: `expected every partner to bring a dimension or perspective another partner lacks, but partner ${index + 1} brings none`,
      partnerIndex: index,
    };
  }
  return null;
}
