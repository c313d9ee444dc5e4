import type { ReferenceData } from '../reference/load-reference-data';
import { quote } from './fields';

/** One kind of reference key (dimension, topic, district) with what a message needs to say. */
export interface KeySet {
  /** What a key names, for messages: `dimension key`. */
  what: string;
  keys: ReadonlySet<string>;
  /** Lower-cased names and keys → key, to suggest the key a person probably meant. */
  aliases: ReadonlyMap<string, string>;
  /** Whether a message lists every key (short lists) or points to the reference file. */
  listAll: boolean;
  file: string;
}

/** The reference keys a CSV file may use, built once from `seeds/reference/*.json`. */
export interface ReferenceKeys {
  dimensions: KeySet;
  topics: KeySet;
  districts: KeySet;
}

function keySet(
  what: string,
  file: string,
  entries: readonly { key: string; names: readonly string[] }[],
): KeySet {
  const aliases = new Map<string, string>();
  for (const { key, names } of entries) {
    for (const name of [key, ...names]) aliases.set(name.toLowerCase(), key);
  }
  return {
    what,
    file,
    keys: new Set(entries.map((e) => e.key)),
    aliases,
    listAll: entries.length <= 20,
  };
}

/** Indexes the reference data for validation. Pure. */
export function referenceKeys(data: ReferenceData): ReferenceKeys {
  return {
    dimensions: keySet(
      'dimension key',
      'seeds/reference/dimensions.json',
      data.dimensions.map((d) => ({ key: d.key, names: [d.nameDe, d.nameEn] })),
    ),
    topics: keySet(
      'topic key',
      'seeds/reference/topics.json',
      data.topics.map((t) => ({ key: t.key, names: [t.nameDe, t.nameEn] })),
    ),
    districts: keySet(
      'district key',
      'seeds/reference/districts.json',
      data.districts.map((d) => ({ key: d.key, names: [d.name] })),
    ),
  };
}

/**
 * Explains why `value` is not a key of `set`, e.g. `expected a district key of
 * seeds/reference/districts.json, got "Neckarstadt-West" (did you mean "neckarstadt_west"?)`.
 */
export function unknownKeyMessage(set: KeySet, value: string): string {
  const expected = set.listAll
    ? `one of ${[...set.keys].join(', ')}`
    : `a ${set.what} of ${set.file}`;
  const meant = set.aliases.get(value.toLowerCase());
  const hint = meant === undefined ? '' : ` (did you mean ${quote(meant)}?)`;
  return `expected ${expected}, got ${quote(value)}${hint}`;
}
