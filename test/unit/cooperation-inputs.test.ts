import { validate } from 'class-validator';
import { fieldProblems } from '../../src/common/validation';
import {
  AddCooperationPartnerArgs,
  CreateCooperationInput,
  RecordAttendanceArgs,
  RecordEventInput,
} from '../../src/cooperations/cooperation.inputs';
import { cooperationWriteQueries } from '../../src/cooperations/cooperation-write.repository';
import { CooperationKind, ParticipationRole } from '../../src/cooperations/cooperation.types';
import { EventKind } from '../../src/events/event.types';

/** The refused paths and reasons of an input object, as clients see them in `extensions.fields`. */
async function problemsOf<T extends object>(type: new () => T, values: Partial<T>) {
  return fieldProblems(await validate(Object.assign(new type(), values)), 'input');
}

const VALID: Partial<CreateCooperationInput> = {
  title: 'Vielfalt im Sportverein',
  kind: CooperationKind.DIVERSITY_COOPERATION,
  startedOn: '2024-03-01',
  funding: null,
  leadPartnerId: 'p-00001',
  partnerIds: ['p-00002'],
  dimensionKeys: ['age', 'religion'],
  eventId: null,
};

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p-${i}`);

describe('CreateCooperationInput', () => {
  it('should accept a valid diversity cooperation', async () => {
    expect(await problemsOf(CreateCooperationInput, VALID)).toEqual([]);
  });

  it.each<[string, Partial<CreateCooperationInput>, string, RegExp]>([
    [
      'a short title',
      { title: 'ab' },
      'input.title',
      /expected a title of 3-200 characters, got "ab"/,
    ],
    [
      'a 201-character title',
      { title: 'x'.repeat(201) },
      'input.title',
      /got "x{40}…" \(201 characters\)/,
    ],
    [
      'an unknown kind',
      { kind: 'PICNIC' as CooperationKind },
      'input.kind',
      /expected a CooperationKind/,
    ],
    [
      'an unknown funding',
      { funding: 'EU' },
      'input.funding',
      /expected funding DEMOKRATIE_LEBEN, got "EU"/,
    ],
    [
      'an empty lead id',
      { leadPartnerId: '' },
      'input.leadPartnerId',
      /expected a lead partner id of 1-100/,
    ],
    [
      '51 partner ids',
      { partnerIds: ids(51) },
      'input.partnerIds',
      /expected at most 50 partner ids, got 51 item/,
    ],
    [
      'duplicate partner ids',
      { partnerIds: ['p-1', 'p-1'] },
      'input.partnerIds',
      /expected distinct partner ids/,
    ],
    ['an empty partner id', { partnerIds: ['p-1', ''] }, 'input.partnerIds', /got "" at index 1/],
    [
      'no dimension',
      { dimensionKeys: [] },
      'input.dimensionKeys',
      /expected at least 1 dimension key/,
    ],
    [
      'a malformed key',
      { dimensionKeys: ['age', 'Ethnic Origin'] },
      'input.dimensionKeys',
      /got "Ethnic Origin" at index 1/,
    ],
    [
      'an eventId on a network project',
      { kind: CooperationKind.NETWORK_PROJECT, eventId: 'e-1' },
      'input.eventId',
      /expected no eventId for a NETWORK_PROJECT, got "e-1"/,
    ],
    [
      'an action day without event',
      { kind: CooperationKind.ACTION_DAY_EVENT },
      'input.eventId',
      /expected the ACTION_DAYS event id for an ACTION_DAY_EVENT, got null/,
    ],
  ])('should refuse %s, naming the field', async (_case, change, path, reason) => {
    const problems = await problemsOf(CreateCooperationInput, { ...VALID, ...change });
    expect(problems).toContainEqual({ path, reason: expect.stringMatching(reason) });
  });

  it('should accept an action day with its event and 50 partners', async () => {
    const change = { kind: CooperationKind.ACTION_DAY_EVENT, eventId: 'e-1', partnerIds: ids(50) };
    expect(await problemsOf(CreateCooperationInput, { ...VALID, ...change })).toEqual([]);
  });
});

describe('mutation arguments', () => {
  it('should refuse role LEAD when adding a partner', async () => {
    const args = { cooperationId: 'c-1', partnerId: 'p-1', role: ParticipationRole.LEAD };
    expect(await problemsOf(AddCooperationPartnerArgs, args)).toEqual([
      { path: 'input.role', reason: 'expected role PARTNER (one LEAD only), got "LEAD"' },
    ]);
  });

  it('should refuse an event with a bad kind and title', async () => {
    const input = { kind: 'PARTY' as EventKind, title: '', date: '2024-01-01' };
    const paths = (await problemsOf(RecordEventInput, input)).map((p) => p.path);
    expect(paths).toEqual(['input.kind', 'input.title']);
  });

  it.each([
    ['no partners', [], /expected at least 1 partner id/],
    ['51 partners', ids(51), /expected at most 50 partner ids/],
    ['a repeated partner', ['p-1', 'p-1'], /expected distinct partner ids/],
  ])('should refuse attendance of %s', async (_case, partnerIds, reason) => {
    const problems = await problemsOf(RecordAttendanceArgs, { eventId: 'e-1', partnerIds });
    expect(problems).toContainEqual({
      path: 'input.partnerIds',
      reason: expect.stringMatching(reason),
    });
  });

  it('should accept a valid attendance and event', async () => {
    const event = { kind: EventKind.TRAINING, title: 'Qualifizierung', date: '2024-01-01' };
    expect(await problemsOf(RecordEventInput, event)).toEqual([]);
    const attendance = { eventId: 'e-1', partnerIds: ids(50) };
    expect(await problemsOf(RecordAttendanceArgs, attendance)).toEqual([]);
  });
});

describe('cooperationWriteQueries', () => {
  it('should keep every value of a new cooperation a parameter', () => {
    const query = cooperationWriteQueries.createCooperation({
      id: 'c-x',
      title: 'Titel mit $ und }',
      kind: CooperationKind.NETWORK_PROJECT,
      startedOn: '2024-03-01',
      funding: 'DEMOKRATIE_LEBEN',
      leadPartnerId: 'p-1',
      partnerIds: ['p-2'],
      dimensionKeys: ['age'],
      eventId: null,
    });
    expect(query.cypher).not.toMatch(/c-x|Titel|p-1|p-2|'age'|2024|DEMOKRATIE|'ACTIVE'/);
    expect(query.params).toMatchObject({
      status: 'ACTIVE',
      participants: [
        { id: 'p-1', role: 'LEAD' },
        { id: 'p-2', role: 'PARTNER' },
      ],
    });
  });

  it('should take the write lock before reading what a check decides on', () => {
    for (const query of [
      cooperationWriteQueries.lockCooperation('c-1'),
      cooperationWriteQueries.lockPartners(['p-1']),
    ]) {
      expect(query.cypher.indexOf('SET')).toBeLessThan(query.cypher.indexOf('RETURN'));
      expect(query.cypher).toMatch(/SET (c|p)\._lock = true REMOVE (c|p)\._lock/);
    }
  });
});
