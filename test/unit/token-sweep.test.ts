import pino from 'pino';
import { parseEndedMessage } from '../../src/auth/token-revocations-redis';
import { endedTokens, type HeldToken, TokenSweep } from '../../src/auth/token-sweep';

const logger = pino({ level: 'silent' });
const standing = (tokensValidAfter: number | null) => ({ tokensValidAfter });

describe('endedTokens', () => {
  const held = [
    { partnerId: 'p-1', issuedAt: 99 },
    { partnerId: 'p-1', issuedAt: 100 },
    { partnerId: 'p-1', issuedAt: undefined },
    { partnerId: 'p-2', issuedAt: 1 },
    { partnerId: 'p-2', issuedAt: undefined },
    { partnerId: 'p-gone', issuedAt: 500 },
  ];

  it('should end tokens issued before tokensValidAfter, those without iat, and those of missing partners', () => {
    const standings = new Map([
      ['p-1', standing(100)],
      ['p-2', standing(null)],
    ]);
    expect(endedTokens(held, standings)).toEqual([
      { partnerId: 'p-1', issuedAt: 99 },
      { partnerId: 'p-1', issuedAt: undefined },
      { partnerId: 'p-gone', issuedAt: 500 },
    ]);
  });

  it('should end nothing while no partner has ended its tokens', () => {
    const standings = new Map(['p-1', 'p-2', 'p-gone'].map((id) => [id, standing(null)]));
    expect(endedTokens(held, standings)).toEqual([]);
  });
});

describe('TokenSweep.sweep', () => {
  const token = (partnerId: string, issuedAt: number, ended: string[]): HeldToken => ({
    partnerId,
    issuedAt,
    end: () => ended.push(`${partnerId}@${issuedAt}`),
  });

  it('should read every held partner once in one call and end the ended tokens', async () => {
    const ended: string[] = [];
    const reads: (readonly string[])[] = [];
    const sweep = new TokenSweep({
      intervalMs: 1_000,
      held: () => [token('p-1', 10, ended), token('p-1', 20, ended), token('p-2', 10, ended)],
      standings: async (ids) => {
        reads.push(ids);
        return new Map([
          ['p-1', standing(15)],
          ['p-2', standing(null)],
        ]);
      },
      logger,
    });
    expect(await sweep.sweep()).toBe(1);
    expect(ended).toEqual(['p-1@10']);
    expect(reads).toEqual([['p-1', 'p-2']]);
  });

  it('should send no read while no partner socket is open', async () => {
    let reads = 0;
    const sweep = new TokenSweep({
      intervalMs: 1_000,
      held: () => [],
      standings: async () => {
        reads += 1;
        return new Map();
      },
      logger,
    });
    expect(await sweep.sweep()).toBe(0);
    expect(reads).toBe(0);
  });

  it('should end nothing when the read fails (Neo4j away for a moment)', async () => {
    const ended: string[] = [];
    const sweep = new TokenSweep({
      intervalMs: 1_000,
      held: () => [token('p-1', 10, ended)],
      standings: async () => {
        throw new Error('Neo4j unavailable');
      },
      logger,
    });
    expect(await sweep.sweep()).toBe(0);
    expect(ended).toEqual([]);
  });
});

describe('parseEndedMessage', () => {
  it('should read a message with a string origin and partnerId', () => {
    expect(parseEndedMessage('{"origin":"o","partnerId":"p-1","extra":1}')).toEqual({
      origin: 'o',
      partnerId: 'p-1',
    });
  });

  it.each(['not json', 'null', '{"origin":"o"}', '{"origin":1,"partnerId":"p"}', '[]'])(
    'should refuse %s with null',
    (text) => {
      expect(parseEndedMessage(text)).toBeNull();
    },
  );
});
