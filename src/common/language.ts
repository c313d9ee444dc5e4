/** The languages the API writes sentences in (reasons, descriptions). */
export type Language = 'de' | 'en';

/**
 * Picks the language of a response from an `Accept-Language` header (RFC 9110 §12.5.4): the
 * supported language with the highest quality wins; German when the header is missing, names
 * neither or ties — German is the alliance's working language.
 * @example preferredLanguage('en-GB,en;q=0.9,de;q=0.5') // 'en'
 */
export function preferredLanguage(header: string | null | undefined): Language {
  let best: { language: Language; quality: number } = { language: 'de', quality: 0 };
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const language = range.split('-')[0];
    if (language !== 'de' && language !== 'en') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(quality) && quality > best.quality) best = { language, quality };
  }
  return best.language;
}
