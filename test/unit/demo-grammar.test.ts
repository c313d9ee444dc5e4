import { decline, joinDe, type NounPhrase } from '../../seeds/demo/grammar';
import { nameCandidates } from '../../seeds/demo/naming';
import {
  inDative,
  KIND_SELF,
  ours,
  SENTENCE_PLANS,
  TOPIC_PHRASES,
  type DescriptionSlots,
} from '../../seeds/demo/text';
import type { PartnerKind } from '../../seeds/demo/types';

/**
 * The grammar table of this test, written out as in a grammar book (and not taken from the
 * generator): articles and adjective endings by gender and case, for "der", "ein" and no
 * article. Plans and nouns are checked against it.
 */
const TABLE = {
  def: {
    article: { m: ['der', 'den', 'dem'], f: ['die', 'die', 'der'], n: ['das', 'das', 'dem'] },
    ending: { m: ['e', 'en', 'en'], f: ['e', 'e', 'en'], n: ['e', 'e', 'en'] },
  },
  indef: {
    article: {
      m: ['ein', 'einen', 'einem'],
      f: ['eine', 'eine', 'einer'],
      n: ['ein', 'ein', 'einem'],
    },
    ending: { m: ['er', 'en', 'en'], f: ['e', 'e', 'en'], n: ['es', 'es', 'en'] },
  },
  none: {
    article: { m: ['', '', ''], f: ['', '', ''], n: ['', '', ''] },
    ending: { m: ['er', 'en', 'em'], f: ['e', 'e', 'er'], n: ['es', 'es', 'em'] },
  },
} as const;
const CASE = { nom: 0, acc: 1, dat: 2 } as const;

/** The expected form of a noun phrase by the table above. */
function expected(p: NounPhrase, c: keyof typeof CASE, article: keyof typeof TABLE): string {
  if (p.gender === 'pl') throw new Error('the demo uses no plural phrases');
  const row = TABLE[article];
  const words = [
    row.article[p.gender][CASE[c]],
    p.adjective ? p.adjective + row.ending[p.gender][CASE[c]] : '',
    p.noun,
    p.tail ?? '',
  ];
  return words.filter((word) => word !== '').join(' ');
}

const KINDS = Object.keys(KIND_SELF) as PartnerKind[];
/** Every way an organisation of the demo speaks of itself. */
const SELVES: NounPhrase[] = [
  ...Object.values(KIND_SELF),
  ...KINDS.flatMap((kind) => [
    ...nameCandidates(kind, false).map((c) => c.self),
    ...nameCandidates(kind, true).map((c) => c.self),
  ]),
].filter((self, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(self)) === i);
const TOPICS = Object.values(TOPIC_PHRASES);

describe('German grammar of the demo texts', () => {
  it.each([
    [
      { adjective: 'interreligiös', noun: 'Dialog', gender: 'm' },
      'acc',
      'none',
      'interreligiösen Dialog',
    ],
    [
      { adjective: 'interreligiös', noun: 'Dialog', gender: 'm' },
      'dat',
      'def',
      'dem interreligiösen Dialog',
    ],
    [
      { adjective: 'muslimisch', noun: 'Moscheegemeinde', gender: 'f' },
      'nom',
      'indef',
      'eine muslimische Moscheegemeinde',
    ],
    [
      { adjective: 'gemeinnützig', noun: 'Verein', gender: 'm' },
      'nom',
      'indef',
      'ein gemeinnütziger Verein',
    ],
    [
      { adjective: 'nachbarschaftlich', noun: 'Miteinander', gender: 'n' },
      'acc',
      'none',
      'nachbarschaftliches Miteinander',
    ],
    [
      { adjective: 'politisch', noun: 'Teilhabe', gender: 'f' },
      'dat',
      'def',
      'der politischen Teilhabe',
    ],
    [{ noun: 'Unternehmen', gender: 'n' }, 'nom', 'indef', 'ein Unternehmen'],
  ] as const)('should decline %j in %s with %s article as "%s"', (phrase, c, article, form) => {
    expect(decline(phrase as NounPhrase, c, article)).toBe(form);
  });

  it('should write the example of the issue with the right cases', () => {
    const slots: DescriptionSlots = {
      self: { adjective: 'muslimisch', noun: 'Moscheegemeinde', gender: 'f' },
      where: 'im Jungbusch',
      topics: [TOPIC_PHRASES.religion_dialogue, TOPIC_PHRASES.youth] as NounPhrase[],
      causes: 'Menschen mit Einwanderungsgeschichte',
    };
    const plan = (id: string) => SENTENCE_PLANS.find((p) => p.id === id)?.write(slots);
    expect(plan('als-verbinden')).toBe(
      'Als muslimische Moscheegemeinde im Jungbusch verbinden wir interreligiösen Dialog und Jugendarbeit mit dem Einsatz für Menschen mit Einwanderungsgeschichte.',
    );
    expect(plan('wir-sind')).toBe(
      'Wir sind eine muslimische Moscheegemeinde im Jungbusch und setzen uns im interreligiösen Dialog und in der Jugendarbeit für Menschen mit Einwanderungsgeschichte ein.',
    );
    expect(plan('unser')).toBe(
      'Unsere muslimische Moscheegemeinde im Jungbusch setzt sich im interreligiösen Dialog und in der Jugendarbeit für Menschen mit Einwanderungsgeschichte ein.',
    );
    expect(plan('dreht-sich')).toContain('um den interreligiösen Dialog und die Jugendarbeit.');
  });

  it(`should agree in case and article in every plan with every noun (${SENTENCE_PLANS.length} plans)`, () => {
    let checked = 0;
    for (const plan of SENTENCE_PLANS) {
      for (const self of SELVES) {
        for (const topic of TOPICS) {
          const text = plan.write({ self, where: 'im Jungbusch', topics: [topic], causes: 'X' });
          const topicForm =
            plan.forms.topics === 'acc-none'
              ? expected(topic, 'acc', 'none')
              : plan.forms.topics === 'acc-def'
                ? expected(topic, 'acc', 'def')
                : // in + dem → im; in + der stays.
                  expected(topic, 'dat', 'def').replace(/^dem /, 'im ').replace(/^der /, 'in der ');
          expect(text).toContain(` ${topicForm}`);
          if (plan.forms.self === 'nom-indef')
            expect(text).toContain(` ${expected(self, 'nom', 'indef')} `);
          if (plan.forms.self === 'nom-none')
            expect(text).toContain(` ${expected(self, 'nom', 'none')} `);
          if (plan.forms.self === 'nom-ours') {
            // "unser" declines like "ein": unser Verein, unsere Gemeinde, unser Unternehmen.
            const form = expected(self, 'nom', 'indef').replace(/^ein/, 'unser');
            expect(text.startsWith(form.charAt(0).toUpperCase() + form.slice(1))).toBe(true);
          }
          expect(text).toMatch(/^[A-ZÄÖÜ].*[.]$/s);
          expect(text).not.toMatch(/ {2}| [,.]/);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(SENTENCE_PLANS.length * SELVES.length * TOPICS.length);
    expect(SELVES.length).toBeGreaterThan(40);
  });

  it('should give every noun the gender German gives its last part (a lexicon of this test)', () => {
    // Compounds take the gender of their last part: Moschee|gemeinde f, Kultur|verein m.
    const LEXICON: [RegExp, NounPhrase['gender']][] = [
      [
        /(verein|club|Club|kreis|dienst|treff|chor|Chor|rat|Rat|verband|betrieb|sport|Sport|dialog|Dialog|träger|Träger|stamm|zirkus|bereich|Bereich|punkt|laden|Tisch|Verein|Betrieb|service)$/,
        'm',
      ],
      [
        /(gemeinde|Gemeinde|schule|Schule|stiftung|Stiftung|gruppe|stelle|ung|heit|keit|schaft|arbeit|hilfe|station|stätte|werkstatt|initiative|Initiative|brücke|Kita|feuerwehr|organisation|fraktion|innung|Innung|Gewerkschaft|kirche|Jugend|vertretung|akademie|Integration|Teilhabe|bibliothek|beratung|Stelle)$/,
        'f',
      ],
      [
        /(zentrum|Zentrum|haus|werk|kreuz|netzwerk|Netzwerk|projekt|theater|Theater|ensemble|Ensemble|festival|café|Unternehmen|Miteinander|revier|management|Jobcenter|Bündnis|Gymnasium|Orchester|archiv)$/,
        'n',
      ],
    ];
    const unknown: string[] = [];
    for (const phrase of [...SELVES, ...TOPICS]) {
      const head = phrase.noun.split(' für ')[0] as string;
      const rule = LEXICON.find(([pattern]) => pattern.test(head));
      if (!rule) unknown.push(phrase.noun);
      else
        expect({ noun: phrase.noun, gender: phrase.gender }).toEqual({
          noun: phrase.noun,
          gender: rule[1],
        });
    }
    expect(unknown).toEqual([]);
  });

  it('should contract "in dem" to "im" and join lists with "und" or "sowie"', () => {
    expect(inDative({ noun: 'Sport', gender: 'm' })).toBe('im Sport');
    expect(inDative({ noun: 'Jugendarbeit', gender: 'f' })).toBe('in der Jugendarbeit');
    expect(ours({ noun: 'Unternehmen', gender: 'n' })).toBe('unser Unternehmen');
    expect(joinDe(['A', 'B', 'C'])).toBe('A, B und C');
    expect(joinDe(['Jung und Alt', 'B'])).toBe('Jung und Alt sowie B');
  });
});
