import fc from 'fast-check';
import { ApiClient, bodyOf, nowSeconds, partnerAuthorization, readNumber } from './api-client';
import type { ObservedResponse } from './checks';
import type { FuzzTarget } from './runner';

/** A burst of identical keyed mutations, and whether a second caller reuses the key. */
export interface RaceSpec {
  mutation: 'applyForMembership' | 'createCooperation';
  /** Concurrent identical requests: 2–8. */
  burst: number;
  /** Whether another caller then sends the same key and input (its own write). */
  otherCaller: boolean;
}

/** Counts of the race part of a run. */
export interface RaceStats {
  races: number;
  requests: number;
  byMutation: Record<string, number>;
}

/** Generates races. */
export function raceArbitrary(): fc.Arbitrary<RaceSpec> {
  return fc.record({
    mutation: fc.constantFrom('applyForMembership' as const, 'createCooperation' as const),
    burst: fc.integer({ min: 2, max: 8 }),
    otherCaller: fc.boolean(),
  });
}

const APPLY = `mutation($key: String, $input: ApplyForMembershipInput!) {
  applyForMembership(idempotencyKey: $key, input: $input) { id name status } }`;
const CREATE = `mutation($key: String, $input: CreateCooperationInput!) {
  createCooperation(idempotencyKey: $key, input: $input) { id title status } }`;

/** One race's mutation: how to send it as a caller, and how to count what it wrote. */
interface Keyed {
  query: string;
  field: string;
  input: (variant: number) => Record<string, unknown>;
  /** The input variant the other caller sends: the same, or its own side of it. */
  otherCallerVariant: number;
  /** Counts the nodes its input writes (by the unique name or title). */
  count: () => Promise<number>;
}

/**
 * Idempotency races: a burst of N identical mutations with the same `idempotencyKey` from one
 * caller, sent at once, must write exactly once and give N identical answers (the stored
 * result, no CONFLICT); the key with other input must be refused with CONFLICT naming the key,
 * writing nothing; the same key from another caller (another address for the public
 * `applyForMembership`, the API trusts one proxy hop in the fuzz environment; another partner
 * for `createCooperation`) is independent and writes once more.
 */
export class RaceRun {
  readonly stats: RaceStats = { races: 0, requests: 0, byMutation: {} };
  private readonly client: ApiClient;
  private leads: [string, string] | undefined;

  /** @param tag - makes keys, names and titles unique to the run */
  constructor(
    private readonly target: FuzzTarget,
    private readonly coordinator: Record<string, string>,
    private readonly tag: string,
  ) {
    this.client = new ApiClient(target.url);
  }

  /** Runs one race; returns every broken expectation. */
  async race(spec: RaceSpec): Promise<string[]> {
    this.stats.races += 1;
    this.stats.byMutation[spec.mutation] = (this.stats.byMutation[spec.mutation] ?? 0) + 1;
    const n = this.stats.races;
    const key = `fuzz-race-${this.tag}-${n}`;
    const keyed =
      spec.mutation === 'applyForMembership' ? this.application(n) : await this.cooperation(n);
    const [first, second] = await this.callers(spec.mutation, n);
    const label = `${spec.mutation} ×${spec.burst} with key ${key}`;
    const violations = await this.burst(keyed, key, first, spec.burst);
    violations.push(...(await this.otherInput(keyed, key, first)));
    if (spec.otherCaller) violations.push(...(await this.otherCallerWrites(keyed, key, second)));
    return violations.map((v) => `${label}: ${v}`);
  }

  /** N identical requests at once: one write, N equal answers. */
  private async burst(
    keyed: Keyed,
    key: string,
    caller: Record<string, string>,
    size: number,
  ): Promise<string[]> {
    const variables = { key, input: keyed.input(0) };
    const sends = Array.from({ length: size }, () =>
      this.client.http(keyed.query, variables, caller),
    );
    this.stats.requests += size;
    const answers = await Promise.all(sends);
    const violations = answers.flatMap((answer, i) => refusal(answer, keyed.field, `answer ${i}`));
    const distinct = new Set(answers.map((answer) => JSON.stringify(bodyOf(answer)?.data)));
    if (distinct.size !== 1)
      violations.push(`expected identical answers, got ${[...distinct].join(' / ')}`);
    const written = await keyed.count();
    if (written !== 1) violations.push(`expected exactly one write, got ${written}`);
    return violations;
  }

  /** The same key with other input: CONFLICT naming the key, nothing written. */
  private async otherInput(keyed: Keyed, key: string, caller: Record<string, string>) {
    this.stats.requests += 1;
    const answer = await this.client.http(keyed.query, { key, input: keyed.input(1) }, caller);
    const error = bodyOf(answer)?.errors?.[0];
    const violations: string[] = [];
    if (error?.extensions?.code !== 'CONFLICT' || !String(error.message).includes(key)) {
      violations.push(
        `expected CONFLICT naming the key for other input, got ${answer?.text.slice(0, 300)}`,
      );
    }
    const written = await keyed.count();
    if (written !== 1)
      violations.push(`expected nothing written for other input, got ${written} writes`);
    return violations;
  }

  /** The same key and input from another caller: its own write. */
  private async otherCallerWrites(keyed: Keyed, key: string, caller: Record<string, string>) {
    this.stats.requests += 1;
    const input = keyed.input(keyed.otherCallerVariant);
    const answer = await this.client.http(keyed.query, { key, input }, caller);
    const violations = refusal(answer, keyed.field, 'the other caller');
    const written = await keyed.count();
    if (written !== 2)
      violations.push(`expected the other caller's own write (2 in all), got ${written}`);
    return violations;
  }

  /**
   * Two callers: two public addresses (X-Forwarded-For) for applications, the two lead partners
   * (each its own token) for cooperations.
   */
  private async callers(
    mutation: RaceSpec['mutation'],
    n: number,
  ): Promise<[Record<string, string>, Record<string, string>]> {
    if (mutation === 'applyForMembership') {
      const address = (block: string) => ({ 'x-forwarded-for': `${block}.${n % 250}` });
      return [address('198.51.100'), address('203.0.113')];
    }
    const [a, b] = await this.leadPartners();
    const bearer = async (id: string) => ({
      authorization: await partnerAuthorization(id, nowSeconds()),
    });
    return [await bearer(a), await bearer(b)];
  }

  private application(n: number): Keyed {
    const name = `Fuzz Wettlauf ${this.tag} ${n}`;
    return {
      query: APPLY,
      field: 'applyForMembership',
      input: (variant) => ({
        name,
        sector: 'CIVIL_SOCIETY',
        kind: 'ASSOCIATION',
        contactName: 'Kontakt',
        contactEmail: `race-${variant}@example.org`,
        acceptsDeclaration: true,
      }),
      otherCallerVariant: 0,
      count: () => this.count('MATCH (p:Partner {name: $name}) RETURN count(p) AS value', { name }),
    };
  }

  /**
   * A cooperation proposed by the caller's partner with the other lead partner; the other
   * caller proposes the same with the roles swapped (its own lead).
   */
  private async cooperation(n: number): Promise<Keyed> {
    const title = `Fuzz Wettlauf-Kooperation ${this.tag} ${n}`;
    const [a, b] = await this.leadPartners();
    return {
      query: CREATE,
      field: 'createCooperation',
      input: (variant) => ({
        title,
        kind: 'DIVERSITY_COOPERATION',
        leadPartnerId: variant === 2 ? b : a,
        partnerIds: [variant === 2 ? a : b],
        dimensionKeys: ['age', 'religion'],
        startedOn: variant === 1 ? '2024-01-02' : '2024-01-01',
      }),
      // A partner proposes only as its own lead.
      otherCallerVariant: 2,
      count: () =>
        this.count('MATCH (c:Cooperation {title: $title}) RETURN count(c) AS value', { title }),
    };
  }

  /** Two ACTIVE partners of the run's own, made once: applied and admitted through the API. */
  private async leadPartners(): Promise<[string, string]> {
    this.leads ??= [
      await this.admitted('A', { key: 'age', perspective: 'COMMUNITY' }),
      await this.admitted('B', { key: 'religion', perspective: 'SERVICE' }),
    ];
    return this.leads;
  }

  private async admitted(name: string, dimension: Record<string, string>): Promise<string> {
    const input = {
      name: `Fuzz Wettlauf-Partner ${this.tag} ${name}`,
      sector: 'CIVIL_SOCIETY',
      kind: 'ASSOCIATION',
      contactName: 'Kontakt',
      contactEmail: `race-lead-${name}@example.org`,
      dimensions: [dimension],
      acceptsDeclaration: true,
    };
    const applied = await this.client.http(APPLY, { key: null, input });
    const id = (bodyOf(applied)?.data?.applyForMembership as { id?: string } | undefined)?.id;
    if (!id) throw new Error(`expected applyForMembership to succeed, got ${applied?.text}`);
    const admitted = await this.client.http(
      'mutation($id: ID!) { admitPartner(id: $id) { status } }',
      { id },
      this.coordinator,
    );
    if (bodyOf(admitted)?.errors)
      throw new Error(`expected admitPartner to succeed, got ${admitted?.text}`);
    return id;
  }

  private async count(cypher: string, params: Record<string, unknown>): Promise<number> {
    return (await readNumber(this.target.executor, cypher, params)) ?? 0;
  }
}

/** Why a response is no acceptance of `field`, if it is none. */
function refusal(answer: ObservedResponse | undefined, field: string, who: string): string[] {
  const body = bodyOf(answer);
  if (answer?.status === 200 && !body?.errors && body?.data?.[field]) return [];
  return [
    `expected ${who} accepted, got ${answer ? `HTTP ${answer.status} ${answer.text.slice(0, 300)}` : 'no answer'}`,
  ];
}
