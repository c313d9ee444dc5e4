import { type GraphQLResolveInfo, type OperationDefinitionNode, parse } from 'graphql';
import {
  decodeCursor,
  encodeCursor,
  type PageRequest,
  selectsTotalCount,
  toPage,
  toPageRequest,
} from '../../src/common/pagination';
import { CursorValueType, keysetClause } from '../../src/db/keyset';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('cursors', () => {
  it('should round-trip a sort key within its scope', () => {
    const cursor = encodeCursor('partners:NAME:ASC', ['Müller e.V.', 'p-1']);
    expect(decodeCursor('partners:NAME:ASC', cursor, 'after')).toEqual(['Müller e.V.', 'p-1']);
  });

  it('should refuse a cursor of another scope as foreign', () => {
    const cursor = encodeCursor('partners:NAME:ASC', ['a', 'p-1']);
    expect(() => decodeCursor('cooperations:TITLE:ASC', cursor, 'after')).toThrow(
      'expected after to be a cursor of this connection and ordering, got one of another',
    );
  });

  it.each([
    '',
    'abc',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('should refuse the malformed cursor %p with BAD_USER_INPUT', (cursor) => {
    expect(codeOf(() => decodeCursor('s', cursor, 'after'))).toBe('BAD_USER_INPUT');
  });
});

describe('toPageRequest', () => {
  it('should default to the first 20 items', () => {
    expect(toPageRequest('s', {})).toEqual({ direction: 'forward', limit: 20, from: undefined });
  });

  it('should go backward for last/before', () => {
    const before = encodeCursor('s', [3, 'x']);
    expect(toPageRequest('s', { last: 5, before })).toEqual({
      direction: 'backward',
      limit: 5,
      from: [3, 'x'],
      fromArgument: 'before',
    });
  });

  it.each([{ first: 101 }, { first: -1 }, { last: 101 }, { first: 1.5 }, { first: 1, last: 1 }])(
    'should refuse %p with BAD_USER_INPUT',
    (args) => {
      expect(codeOf(() => toPageRequest('s', args))).toBe('BAD_USER_INPUT');
    },
  );
});

describe('toPage', () => {
  const rows = [1, 2, 3].map((n) => ({ node: { n }, key: [n, `id${n}`] as [number, string] }));
  const total = () => Promise.resolve(3);

  it('should drop the extra row and report a next page going forward', () => {
    const page = toPage('s', { direction: 'forward', limit: 2 }, rows, total);
    expect(page.edges.map((e) => e.node.n)).toEqual([1, 2]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor('s', page.pageInfo.endCursor as string, 'after')).toEqual([2, 'id2']);
  });

  it('should restore natural order going backward', () => {
    const request: PageRequest = { direction: 'backward', limit: 2, from: [9, 'id9'] };
    const page = toPage('s', request, rows, total);
    expect(page.edges.map((e) => e.node.n)).toEqual([2, 1]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });
});

describe('keysetClause', () => {
  const sort = {
    expression: 'p.name',
    valueType: CursorValueType.TEXT,
    id: 'p.id',
    direction: 'ASC' as const,
  };

  it('should only order when there is no cursor', () => {
    expect(keysetClause(sort, { direction: 'forward', limit: 5 })).toEqual({
      where: null,
      orderBy: 'p.name ASC, p.id ASC',
      params: {},
    });
  });

  it('should compare value then id after the cursor, with values as parameters', () => {
    expect(keysetClause(sort, { direction: 'forward', limit: 5, from: ["O'Neil", 'p-9'] })).toEqual(
      {
        where: '(p.name > $cursorValue OR (p.name = $cursorValue AND p.id > $cursorId))',
        orderBy: 'p.name ASC, p.id ASC',
        params: { cursorValue: "O'Neil", cursorId: 'p-9' },
      },
    );
  });

  it('should reverse order and comparison going backward on a descending sort', () => {
    const clause = keysetClause(
      { ...sort, direction: 'DESC' },
      { direction: 'backward', limit: 5, from: ['m', 'p-1'] },
    );
    expect(clause.orderBy).toBe('p.name ASC, p.id ASC');
    expect(clause.where).toContain('p.name > $cursorValue');
  });
});

describe('selectsTotalCount', () => {
  const infoFor = (query: string) => {
    const operation = parse(query).definitions[0] as OperationDefinitionNode;
    return { fieldNodes: [operation.selectionSet.selections[0]] } as unknown as GraphQLResolveInfo;
  };

  it('should see totalCount in the selection', () => {
    expect(selectsTotalCount(infoFor('{ partners { totalCount edges { cursor } } }'))).toBe(true);
    expect(selectsTotalCount(infoFor('{ partners { edges { cursor } } }'))).toBe(false);
  });

  it('should assume a fragment asks for it', () => {
    expect(selectsTotalCount(infoFor('{ partners { ...F } }'))).toBe(true);
  });
});
