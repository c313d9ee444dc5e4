import { CursorValueType, isCursorValue } from '../../src/db/cursor-values';

describe('isCursorValue', () => {
  it.each([
    '2026-12-06T17:30:00Z',
    '2026-12-06T17:30:00.123000000Z',
    '2026-12-06T17:30:00.5+01:00',
  ])('should accept the DATETIME %p', (value) => {
    expect(isCursorValue(CursorValueType.DATETIME, value)).toBe(true);
  });

  it.each(['2026-13-06T17:30:00Z', '2026-12-06T24:00:00Z', '2026-12-06', 'jetzt', 5])(
    'should refuse the DATETIME %p',
    (value) => {
      expect(isCursorValue(CursorValueType.DATETIME, value)).toBe(false);
    },
  );

  it('should refuse text sort values longer than 1,000 characters', () => {
    expect(isCursorValue(CursorValueType.TEXT, 'x'.repeat(1_001))).toBe(false);
  });
});
