import { validate } from 'class-validator';
import { fieldProblems } from '../../src/common/validation';
import { OfferOrNeedInput, offerNeedTextProblem } from '../../src/partners/offer-need.inputs';
import { offerNeedQueries } from '../../src/partners/offer-need.repository';
import {
  offerNeedLists,
  offerNeedTopicKeys,
  profileChanges,
  unknownOfferNeedTopics,
} from '../../src/partners/partner-write.mapping';
import { partnerWriteQueries } from '../../src/partners/partner-write.repository';
import { UpdatePartnerProfileInput } from '../../src/partners/partner.inputs';
import type { PartnerScope as MatchingScope } from '../../src/matching/matching.model';
import { PartnerScope } from '../../src/partners/partner.types';
import { demoRows } from '../../seeds/demo/write-demo';
import type { DemoAlliance, DemoPartner } from '../../seeds/demo/types';
import { germanSortKey } from '../../src/partners/german-sort-key';

const item = (text: string, topicKeys?: string[] | null) =>
  Object.assign(new OfferOrNeedInput(), { text, topicKeys });

const update = (fields: Partial<UpdatePartnerProfileInput>) =>
  Object.assign(new UpdatePartnerProfileInput(), fields);

const problemsOf = async (input: object) => fieldProblems(await validate(input), 'input');

describe('PartnerScope', () => {
  it("should name the same scopes as the matching's PartnerScope", () => {
    // Type-checked by `npm run build`: a scope missing on either side fails to compile.
    const same: Record<MatchingScope, PartnerScope> = {
      NEIGHBOURHOOD: PartnerScope.NEIGHBOURHOOD,
      BOROUGH: PartnerScope.BOROUGH,
      CITY: PartnerScope.CITY,
    };
    expect(Object.values(PartnerScope)).toEqual(Object.keys(same));
    expect(Object.entries(same).every(([key, value]) => key === value)).toBe(true);
  });
});

describe('offer and need texts', () => {
  it.each([
    ['Räume für Gruppen bis 30 Personen', null],
    ['  Nachhilfe  ', null],
    ['x'.repeat(300), null],
    ['', 'a text that is not blank'],
    ['   ', 'a text that is not blank'],
    ['x'.repeat(301), 'a text of 1-300 characters'],
    ['Zeile\nZeile', 'a text without control characters'],
    ['Glocke \u0007', 'a text without control characters'],
    ['Ende\u007f', 'a text without control characters'],
    ['!!! ???', 'a text with at least one word'],
  ])('should judge %j as %s', (text, problem) => {
    expect(offerNeedTextProblem(text)).toBe(problem);
  });

  it('should count characters, not UTF-16 units', () => {
    expect(offerNeedTextProblem('🙂'.repeat(300))).toBe('a text with at least one word');
    expect(offerNeedTextProblem(`${'ä'.repeat(299)}🙂`)).toBeNull();
  });
});

describe('UpdatePartnerProfileInput offers and needs', () => {
  it('should accept ten offers and ten needs with up to five distinct topics', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => item(`Angebot ${i}`, ['youth', 'culture']));
    expect(await problemsOf(update({ offers: ten, needs: ten, scope: PartnerScope.CITY }))).toEqual(
      [],
    );
  });

  it('should refuse eleven items, bad texts and bad topic lists with their paths', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => item(`Bedarf ${i}`));
    const problems = await problemsOf(
      update({
        offers: [
          item('gut'),
          item(' '),
          item('a\tb'),
          item('Räume', ['a', 'b', 'c', 'd', 'e', 'f']),
          item('Räume', ['youth', 'youth']),
          item('Räume', ['Not A Key']),
        ],
        needs: eleven,
      }),
    );
    expect(problems).toEqual([
      {
        path: 'input.offers[1].text',
        reason: 'expected a text that is not blank, got " "',
      },
      {
        path: 'input.offers[2].text',
        reason: 'expected a text without control characters, got "a\\tb"',
      },
      { path: 'input.offers[3].topicKeys', reason: 'expected at most 5 topics, got 6 item(s)' },
      { path: 'input.offers[4].topicKeys', reason: 'expected distinct topic keys, got 2 item(s)' },
      {
        path: 'input.offers[5].topicKeys',
        reason: 'expected a lower-case key such as "youth", got "Not A Key" at index 0',
      },
      { path: 'input.needs', reason: 'expected at most 10 needs, got 11 item(s)' },
    ]);
  });

  it('should refuse an unknown scope', async () => {
    const problems = await problemsOf(update({ scope: 'GALAXY' as PartnerScope }));
    expect(problems).toEqual([
      { path: 'input.scope', reason: 'expected NEIGHBOURHOOD, BOROUGH or CITY, got "GALAXY"' },
    ]);
  });
});

describe('offerNeedLists', () => {
  it('should keep absent and null lists, empty [] and number the positions', () => {
    expect(offerNeedLists({})).toEqual({});
    expect(offerNeedLists({ offers: null, needs: [] })).toEqual({ needs: [] });
    expect(
      offerNeedLists({ offers: [item('  Räume und Küche '), item('Fahrten', ['youth'])] }),
    ).toEqual({
      offers: [
        { text: 'Räume und Küche', query: 'Räume und Küche', topicKeys: [], position: 0 },
        { text: 'Fahrten', query: 'Fahrten', topicKeys: ['youth'], position: 1 },
      ],
    });
  });

  it('should escape Lucene syntax and lower-case operators in the stored query', () => {
    const [row] = offerNeedLists({ needs: [item('Hilfe AND (Beratung) für Eltern')] }).needs ?? [];
    expect(row?.query).toBe('Hilfe and Beratung für Eltern');
  });

  it('should name each unknown topic key with its path, once per place', () => {
    const lists = offerNeedLists({
      offers: [item('Räume', ['youth', 'mars'])],
      needs: [item('Geld'), item('Zeit', ['mars'])],
    });
    expect(offerNeedTopicKeys(lists)).toEqual(['youth', 'mars']);
    expect(unknownOfferNeedTopics(lists, new Set(['youth']))).toEqual([
      {
        path: 'input.offers[0].topicKeys[1]',
        reason: 'expected a known topic key, got "mars"',
      },
      { path: 'input.needs[1].topicKeys[0]', reason: 'expected a known topic key, got "mars"' },
    ]);
  });

  it('should set a given scope and keep it for null', () => {
    expect(profileChanges(update({ scope: PartnerScope.BOROUGH }))).toEqual({ scope: 'BOROUGH' });
    expect(profileChanges(update({ scope: null }))).toEqual({});
  });
});

describe('offer and need Cypher', () => {
  it('should replace one list with every value a parameter', () => {
    const query = offerNeedQueries.replace('p-1', 'needs', [
      { text: 'Geld', query: 'Geld', topicKeys: [], position: 0 },
    ]);
    expect(query.cypher).toContain('OPTIONAL MATCH (p)-[:NEEDS]->(old:Need) DETACH DELETE old');
    expect(query.cypher).toContain('CREATE (p)-[:NEEDS]->(:Need {kind: $kind');
    expect(query.cypher).not.toContain('Geld');
    expect(query.params).toMatchObject({ id: 'p-1', kind: 'NEED' });
  });

  it('should read both lists in position order', () => {
    const { cypher } = offerNeedQueries.byPartners(['p-1']);
    expect(cypher).toContain('MATCH (p)-[:OFFERS]->(o:Offer) WITH o ORDER BY o.position');
    expect(cypher).toContain('MATCH (p)-[:NEEDS]->(n:Need) WITH n ORDER BY n.position');
  });

  it('should delete the Offer and Need nodes on erasure', () => {
    expect(partnerWriteQueries.erase('p-1', 'x').cypher).toContain(
      'OPTIONAL MATCH (p)-[:OFFERS|NEEDS]->(item:Offer|Need) DETACH DELETE item',
    );
  });
});

describe('demo writer rows', () => {
  const partner = {
    id: 'p-1',
    name: 'Bäckerei Kaya',
    engagements: [],
    topics: [],
    district: 'jungbusch',
    scope: 'BOROUGH',
    offers: [{ text: 'Räume', topicKeys: ['culture'], category: 'ROOMS' }],
    needs: [{ text: 'Ehrenamtliche', topicKeys: [], category: 'VOLUNTEERS' }],
    version: 1,
    cooperationCount: 0,
  } as unknown as DemoPartner;
  const rows = demoRows({
    partners: [partner],
    cooperations: [],
    events: [],
    attendances: [],
  } as unknown as DemoAlliance);

  it('should write the scope on the partner, and no lists there', () => {
    expect(rows.Partner[0]).toMatchObject({ id: 'p-1', scope: 'BOROUGH' });
    // The German sort key of the name is written with it (src/partners/german-sort-key.ts).
    expect(rows.Partner[0]).toMatchObject({ nameSortKey: germanSortKey('Bäckerei Kaya') });
    expect(rows.Partner[0]).not.toHaveProperty('offers');
    expect(rows.Partner[0]).not.toHaveProperty('needs');
  });

  it('should write offers and needs with kind, query and position, never the category', () => {
    expect(rows.Offer).toEqual([
      expect.objectContaining({ partnerId: 'p-1', kind: 'OFFER', text: 'Räume', query: 'Räume' }),
    ]);
    expect(rows.Need).toEqual([
      expect.objectContaining({ partnerId: 'p-1', kind: 'NEED', text: 'Ehrenamtliche' }),
    ]);
    expect(JSON.stringify([rows.Offer, rows.Need])).not.toMatch(/category|ROOMS|VOLUNTEERS/);
    expect(String(rows.Offer[0]?.position)).toBe('0');
  });
});
