/**
 * A small German grammar for the demo's prose: noun phrases (an optional adjective and a noun of
 * a gender) declined for case and article, after the tables of any German grammar. The demo's
 * descriptions put every noun phrase through it, so "verbinden wir interreligiösen Dialog und
 * Jugendarbeit" and "Als muslimische Gemeinde" come out with the right endings
 * (test/unit/demo-grammar.test.ts checks every sentence plan with every noun).
 */

/** Grammatical gender (`pl`: a plural noun). */
export type Gender = 'm' | 'f' | 'n' | 'pl';

/** The cases the demo's sentences use. */
export type Case = 'nom' | 'acc' | 'dat';

/** Which article stands before the phrase: none, definite (der), indefinite (ein). */
export type Article = 'none' | 'def' | 'indef';

/**
 * A German noun phrase: an optional attributive adjective (its stem, lower case: "interreligiös")
 * and a noun with its gender. `dativePlural` is the noun's dative plural form when it differs
 * ("Familien" stays, "Kinder" → "Kindern"); singular nouns of the demo do not change by case.
 * `tail` follows the noun unchanged ("der Arbeitswelt").
 */
export interface NounPhrase {
  adjective?: string;
  noun: string;
  gender: Gender;
  dativePlural?: string;
  tail?: string;
}

const CASES: readonly Case[] = ['nom', 'acc', 'dat'];
const index = (c: Case) => CASES.indexOf(c);

/** Definite articles by gender and case (nom, acc, dat). */
export const DEFINITE: Readonly<Record<Gender, readonly [string, string, string]>> = {
  m: ['der', 'den', 'dem'],
  f: ['die', 'die', 'der'],
  n: ['das', 'das', 'dem'],
  pl: ['die', 'die', 'den'],
};

/** Indefinite articles by gender and case; plurals have none. */
export const INDEFINITE: Readonly<Record<Gender, readonly [string, string, string]>> = {
  m: ['ein', 'einen', 'einem'],
  f: ['eine', 'eine', 'einer'],
  n: ['ein', 'ein', 'einem'],
  pl: ['', '', ''],
};

/** Adjective endings without article (strong declension). */
const STRONG: Readonly<Record<Gender, readonly [string, string, string]>> = {
  m: ['er', 'en', 'em'],
  f: ['e', 'e', 'er'],
  n: ['es', 'es', 'em'],
  pl: ['e', 'e', 'en'],
};

/** Adjective endings after the definite article (weak declension). */
const WEAK: Readonly<Record<Gender, readonly [string, string, string]>> = {
  m: ['e', 'en', 'en'],
  f: ['e', 'e', 'en'],
  n: ['e', 'e', 'en'],
  pl: ['en', 'en', 'en'],
};

/** Adjective endings after the indefinite article (mixed declension; plurals as strong). */
const MIXED: Readonly<Record<Gender, readonly [string, string, string]>> = {
  m: ['er', 'en', 'en'],
  f: ['e', 'e', 'en'],
  n: ['es', 'es', 'en'],
  pl: ['e', 'e', 'en'],
};

const ENDINGS: Readonly<Record<Article, typeof STRONG>> = {
  none: STRONG,
  def: WEAK,
  indef: MIXED,
};

/** The adjective of a phrase declined for case and article ("interreligiösen"). */
export function declineAdjective(stem: string, gender: Gender, c: Case, article: Article): string {
  return stem + (ENDINGS[article][gender][index(c)] ?? '');
}

/**
 * A noun phrase in a case with an article: `decline({adjective: 'interreligiös', noun: 'Dialog',
 * gender: 'm'}, 'acc', 'none')` is "interreligiösen Dialog".
 */
export function decline(phrase: NounPhrase, c: Case, article: Article): string {
  const words: string[] = [];
  if (article === 'def') words.push(DEFINITE[phrase.gender][index(c)] ?? '');
  if (article === 'indef' && phrase.gender !== 'pl') {
    words.push(INDEFINITE[phrase.gender][index(c)] ?? '');
  }
  if (phrase.adjective) words.push(declineAdjective(phrase.adjective, phrase.gender, c, article));
  words.push(
    c === 'dat' && phrase.gender === 'pl' ? (phrase.dativePlural ?? phrase.noun) : phrase.noun,
  );
  if (phrase.tail) words.push(phrase.tail);
  return words.join(' ');
}

/** Capitalises the first letter, for a phrase that starts a sentence or a name. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "A, B und C"; "A, B sowie C und D" when an item has an "und" of its own. */
export function joinDe(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items.some((item) => item.includes(' und ')) ? 'sowie' : 'und';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}
