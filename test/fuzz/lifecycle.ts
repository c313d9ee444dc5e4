import fc from 'fast-check';
import { computeGraphDigest } from '../../src/ops/graph-digest';
import { ERASED_POST_TEXT } from '../../src/exchange/exchange.repository';
import { ApiClient, bodyOf, nowSeconds, partnerAuthorization, readNumber } from './api-client';
import type { ObservedResponse } from './checks';
import {
  actorVerdict,
  type CoordinatorStep,
  endsTokens,
  exchangeWriteVerdict,
  type Expectation,
  judge,
  type ModelPartner,
  transitionVerdict,
  validAfterInStep,
} from './lifecycle-model';
import type { Transport } from './request';
import type { FuzzTarget } from './runner';

/** One step of the lifecycle model; `partner` and `other` pick among the run's partners. */
export type LifecycleStep =
  | { kind: 'apply' }
  | { kind: CoordinatorStep; partner: number }
  | { kind: 'revoke'; partner: number; bySelf: boolean }
  | { kind: 'issue'; partner: number; nextSecond: boolean }
  | { kind: 'checkIn' | 'post'; partner: number; transport: Transport }
  | { kind: 'interest'; partner: number; other: number };

/** Counts of the lifecycle part of a run. */
export interface LifecycleStats {
  steps: number;
  byStep: Record<string, number>;
  /** Writes sent with held tokens after the steps, by what the model expected. */
  probes: number;
  byExpectation: Record<string, number>;
  /** Probes and step requests sent over graphql-ws. */
  overWs: number;
}

/** Partners the model follows at once; an older one is no longer probed. */
const MAX_PARTNERS = 6;
/** Departed (LEFT or erased) partners still probed; older ones are dropped for live ones. */
const MAX_DEPARTED = 2;
/** Tokens held per partner, newest kept: old enough to predate leaving, erasure or revocation. */
const MAX_TOKENS = 3;

/** A PARTNER token the run issued and keeps using. */
interface HeldToken {
  issuedAt: number;
  authorization: string;
}

/** A request the model judges: what it expects, and how to send it. */
interface Probe {
  label: string;
  expectation: Expectation;
  transport: Transport;
  send: (transport: Transport) => Promise<ObservedResponse | undefined>;
  field: string;
  /** Runs after an acceptance, to update the model. */
  accepted?: () => void;
  /** Checks the graph after an acceptance (`sentMs`: when the request was sent). */
  check?: (sentMs: number) => Promise<string[]>;
}

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const pick = fc.nat({ max: 1000 });
const transport = fc.constantFrom<Transport>('http', 'ws');

/** Generates lifecycle steps, weighted so that partners get admitted and act before they end. */
export function lifecycleStepArbitrary(): fc.Arbitrary<LifecycleStep> {
  const coordinator = (kind: CoordinatorStep) =>
    fc.record({ kind: fc.constant(kind), partner: pick });
  return fc.oneof(
    weighted(2, fc.record({ kind: fc.constant('apply' as const) })),
    weighted(3, coordinator('admit')),
    weighted(1, coordinator('pause')),
    weighted(1, coordinator('reactivate')),
    weighted(1, coordinator('leave')),
    weighted(1, coordinator('erase')),
    weighted(
      1,
      fc.record({ kind: fc.constant('revoke' as const), partner: pick, bySelf: fc.boolean() }),
    ),
    weighted(
      3,
      fc.record({ kind: fc.constant('issue' as const), partner: pick, nextSecond: fc.boolean() }),
    ),
    weighted(3, fc.record({ kind: fc.constant('checkIn' as const), partner: pick, transport })),
    weighted(3, fc.record({ kind: fc.constant('post' as const), partner: pick, transport })),
    weighted(2, fc.record({ kind: fc.constant('interest' as const), partner: pick, other: pick })),
  );
}

const APPLY = `mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { id status } }`;
const TRANSITIONS: Record<CoordinatorStep, string> = {
  admit: 'admitPartner',
  pause: 'pausePartner',
  reactivate: 'reactivatePartner',
  leave: 'recordPartnerLeft',
  erase: 'erasePartner',
};
const transition = (field: string) => `mutation($id: ID!) { ${field}(id: $id) { id status } }`;
const REVOKE = `mutation($id: ID!) { revokePartnerTokens(id: $id) { id } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdatePartnerProfileInput!) {
  updatePartnerProfile(id: $id, version: $v, input: $input) { id } }`;
const CHECK_IN = `mutation($x: ID!, $p: ID!) { checkIn(exchangeId: $x, partnerId: $p) { id } }`;
const POST = `mutation($x: ID!, $p: ID!, $input: CreatePostInput!) {
  createPost(exchangeId: $x, partnerId: $p, input: $input) { id } }`;
const INTEREST = `mutation($x: ID!, $p: ID!, $in: ID!) {
  expressInterest(exchangeId: $x, partnerId: $p, inPartnerId: $in) { partnerId } }`;
const PUBLIC_EXCHANGE = `query($id: ID!) { exchange(id: $id) {
  present { id name } posts { id text partner { id name } } } }`;

/**
 * The lifecycle model, run against the API: partners created by the run itself (so it never
 * depends on the demo data) go through application, admission, pause, leaving, erasure and
 * token revocation, act in a Kooperationsbörse the run opens, and get tokens issued in every
 * state. After every step each held token (also those issued before the partner's tokens were
 * ended) probes a PARTNER write, over HTTP or graphql-ws, and the model's verdict
 * (lifecycle-model.ts) must match the answer; refused requests must leave the graph digest as it
 * was, and leaving and erasure must have checked the partner out and blanked its posts.
 */
export class LifecycleRun {
  readonly stats: LifecycleStats = {
    steps: 0,
    byStep: {},
    probes: 0,
    byExpectation: {},
    overWs: 0,
  };
  private readonly client: ApiClient;
  private readonly partners: ModelPartner[] = [];
  private readonly tokens = new Map<string, HeldToken[]>();
  private readonly names = new Map<string, string>();
  private exchangeId: string | undefined;
  private counter = 0;

  /**
   * @param coordinator - headers with a coordinator token
   * @param tag - makes names and texts unique to the run
   */
  constructor(
    private readonly target: FuzzTarget,
    private readonly coordinator: Record<string, string>,
    private readonly tag: string,
  ) {
    this.client = new ApiClient(target.url);
  }

  /** Runs one step, then probes every held token; returns every broken expectation. */
  async step(step: LifecycleStep): Promise<string[]> {
    this.exchangeId ??= await this.openExchange();
    this.forgetOldPartners();
    this.stats.steps += 1;
    this.stats.byStep[step.kind] = (this.stats.byStep[step.kind] ?? 0) + 1;
    const violations: string[] = [];
    // Built first: an application or a token issued here is no request the digest must survive.
    const main = await this.mainProbe(step);
    let before = await this.digest();
    const refusedHere: string[] = [];
    if (main) {
      const outcome = await this.run(main, violations);
      if (outcome === 'refused') refusedHere.push(main.label);
      else before = await this.digest();
    }
    const probes = await this.heldTokenProbes();
    const refusing = probes.filter((p) => p.expectation.kind !== 'accepted');
    for (const probe of refusing) {
      if ((await this.run(probe, violations)) === 'refused') refusedHere.push(probe.label);
    }
    if (refusedHere.length > 0 && (await this.digest()) !== before) {
      violations.push(`the graph changed during refused requests: ${refusedHere.join('; ')}`);
    }
    for (const probe of probes.filter((p) => p.expectation.kind === 'accepted')) {
      await this.run(probe, violations);
    }
    return violations;
  }

  /** Sends a probe and judges it; `accepted` when the API accepted, as the model expected. */
  private async run(probe: Probe, violations: string[]): Promise<'accepted' | 'refused' | 'wrong'> {
    if (probe.transport === 'ws') this.stats.overWs += 1;
    const sentMs = Date.now();
    const response = await probe.send(probe.transport);
    const broken = judge(probe.expectation, response, probe.transport, probe.field);
    const label = `${probe.label} over ${probe.transport}`;
    if (broken.length > 0) {
      violations.push(...broken.map((b) => `${label}: ${b}`));
      return 'wrong';
    }
    if (probe.expectation.kind !== 'accepted') return 'refused';
    probe.accepted?.();
    const found = (await probe.check?.(sentMs)) ?? [];
    violations.push(...found.map((v) => `after ${label}: ${v}`));
    return 'accepted';
  }

  /** The step's own request, or none (`issue` and an `apply` are handled here directly). */
  private async mainProbe(step: LifecycleStep): Promise<Probe | undefined> {
    if (step.kind === 'apply' || this.partners.length === 0) {
      await this.applyForMembership();
      return undefined;
    }
    const partner = this.partnerAt(step.partner);
    switch (step.kind) {
      case 'issue':
        await this.issue(partner, step.nextSecond);
        return undefined;
      case 'revoke':
        return this.revokeProbe(partner, step.bySelf);
      case 'checkIn':
        return this.checkInProbe(partner, step.transport);
      case 'post':
        return this.postProbe(partner, await this.newestToken(partner), step.transport);
      case 'interest':
        return this.interestProbe(partner, this.partnerAt(step.other));
      default:
        return this.transitionProbe(partner, step.kind);
    }
  }

  private partnerAt(index: number): ModelPartner {
    return this.partners[index % this.partners.length] as ModelPartner;
  }

  /** A new APPLIED partner through the public mutation, with a first token. */
  private async applyForMembership(): Promise<void> {
    const n = this.next();
    const name = `Fuzz Lebenslauf ${this.tag} ${n}`;
    const input = {
      name,
      sector: 'CIVIL_SOCIETY',
      kind: 'ASSOCIATION',
      contactName: `Kontakt ${n}`,
      contactEmail: `fuzz-${this.tag}-${n}@example.org`,
      dimensions: [{ key: 'age', perspective: 'COMMUNITY' }],
      acceptsDeclaration: true,
    };
    const response = await this.client.http(APPLY, { input });
    const created = bodyOf(response)?.data?.applyForMembership as { id?: string } | undefined;
    if (!created?.id)
      throw new Error(`expected applyForMembership to succeed, got ${response?.text}`);
    const partner: ModelPartner = {
      id: created.id,
      status: 'APPLIED',
      tokensValidAfter: null,
      checkedIn: false,
      postTexts: [],
    };
    this.names.set(partner.id, name);
    this.partners.push(partner);
    this.forgetOldPartners();
    await this.issue(partner, false);
  }

  /** Stops following the oldest partners beyond the caps, departed ones first. */
  private forgetOldPartners(): void {
    const departed = this.partners.filter((p) => p.status === 'LEFT' || p.status === 'ERASED');
    for (const partner of departed.slice(0, Math.max(0, departed.length - MAX_DEPARTED))) {
      this.partners.splice(this.partners.indexOf(partner), 1);
    }
    if (this.partners.length > MAX_PARTNERS) this.partners.shift();
  }

  /** Issues a token now; with `nextSecond`, first waits until it would not be ended already. */
  private async issue(partner: ModelPartner, nextSecond: boolean): Promise<HeldToken> {
    const validAfter = partner.tokensValidAfter;
    if (nextSecond && validAfter !== null && Date.now() < validAfter * 1000) {
      await new Promise((resolve) => setTimeout(resolve, validAfter * 1000 - Date.now() + 20));
    }
    const issuedAt = nowSeconds();
    const token = { issuedAt, authorization: await partnerAuthorization(partner.id, issuedAt) };
    const held = [...(this.tokens.get(partner.id) ?? []), token].slice(-MAX_TOKENS);
    this.tokens.set(partner.id, held);
    return token;
  }

  private async newestToken(partner: ModelPartner): Promise<HeldToken> {
    return this.tokens.get(partner.id)?.at(-1) ?? (await this.issue(partner, false));
  }

  private transitionProbe(partner: ModelPartner, step: CoordinatorStep): Probe {
    const verdict = transitionVerdict(partner.status, step);
    const field = TRANSITIONS[step];
    return {
      label: `${field} of ${partner.id} (${partner.status})`,
      expectation: verdict.expectation,
      transport: 'http',
      field,
      send: () => this.client.http(transition(field), { id: partner.id }, this.coordinator),
      accepted: () => {
        partner.status = verdict.next;
      },
      check: endsTokens(step) ? (sentMs) => this.afterEnding(partner, step, sentMs) : undefined,
    };
  }

  private async revokeProbe(partner: ModelPartner, bySelf: boolean): Promise<Probe> {
    const token = await this.newestToken(partner);
    const headers = bySelf ? { authorization: token.authorization } : this.coordinator;
    return {
      label: `revokePartnerTokens of ${partner.id} (${partner.status}) by ${bySelf ? `itself (iat ${token.issuedAt})` : 'a coordinator'}`,
      expectation: bySelf
        ? (actorVerdict(partner, token.issuedAt, true) ?? { kind: 'accepted' })
        : { kind: 'accepted' },
      transport: 'http',
      field: 'revokePartnerTokens',
      send: () => this.client.http(REVOKE, { id: partner.id }, headers),
      check: (sentMs) => this.afterEnding(partner, 'revoke', sentMs),
    };
  }

  private async checkInProbe(partner: ModelPartner, via: Transport): Promise<Probe> {
    const token = await this.newestToken(partner);
    return {
      label: `checkIn of ${partner.id} (${partner.status}, iat ${token.issuedAt})`,
      expectation: actorVerdict(partner, token.issuedAt, false) ?? { kind: 'accepted' },
      transport: via,
      field: 'checkIn',
      send: (t) =>
        this.client.send(
          t,
          CHECK_IN,
          { x: this.exchangeId, p: partner.id },
          { authorization: token.authorization },
        ),
      accepted: () => {
        partner.checkedIn = true;
      },
    };
  }

  private postProbe(partner: ModelPartner, token: HeldToken, via: Transport): Probe {
    const text = `Angebot ${this.tag}-${this.next()}: Räume für Treffen`;
    const input = { kind: 'OFFER', text };
    return {
      label: `createPost of ${partner.id} (${partner.status}, ${partner.checkedIn ? 'present' : 'absent'}, iat ${token.issuedAt})`,
      expectation: exchangeWriteVerdict(partner, token.issuedAt, partner.checkedIn),
      transport: via,
      field: 'createPost',
      send: (t) =>
        this.client.send(
          t,
          POST,
          { x: this.exchangeId, p: partner.id, input },
          { authorization: token.authorization },
        ),
      accepted: () => partner.postTexts.push(text),
    };
  }

  private async interestProbe(
    partner: ModelPartner,
    other: ModelPartner,
  ): Promise<Probe | undefined> {
    if (other === partner) return this.checkInProbe(partner, 'http');
    const token = await this.newestToken(partner);
    const present = partner.checkedIn && other.checkedIn;
    return {
      label: `expressInterest of ${partner.id} (${partner.status}) in ${other.id} (${present ? 'both present' : 'not both present'})`,
      expectation: exchangeWriteVerdict(partner, token.issuedAt, present),
      transport: 'http',
      field: 'expressInterest',
      send: (t) =>
        this.client.send(
          t,
          INTEREST,
          { x: this.exchangeId, p: partner.id, in: other.id },
          { authorization: token.authorization },
        ),
    };
  }

  /**
   * After an accepted step that ends tokens: the stored `tokensValidAfter` must end every token
   * issued until the step (the model takes it over); after leaving or erasure the partner must be
   * checked out and, after erasure, its posts withdrawn and blanked.
   */
  private async afterEnding(
    partner: ModelPartner,
    step: CoordinatorStep | 'revoke',
    sentMs: number,
  ): Promise<string[]> {
    const violations: string[] = [];
    const stored = await this.readNumber(
      'MATCH (p:Partner {id: $id}) RETURN p.tokensValidAfter AS value',
      { id: partner.id },
    );
    if (stored === null || !validAfterInStep(stored, sentMs, Date.now())) {
      violations.push(`expected tokensValidAfter one second after the step, got ${stored}`);
    }
    partner.tokensValidAfter = stored;
    if (step !== 'leave' && step !== 'erase') return violations;
    partner.checkedIn = false;
    return [...violations, ...(await this.departureViolations(partner, step === 'erase'))];
  }

  /**
   * The exchange's follow-up of a departure: checked out everywhere; after erasure every post
   * withdrawn with its text replaced, and the public board (read without a token) shows nothing
   * of the partner — neither its id, its name nor what it wrote.
   */
  private async departureViolations(partner: ModelPartner, erased: boolean): Promise<string[]> {
    const violations: string[] = [];
    const present = await this.readNumber(
      'MATCH (:Partner {id: $id})-[r:CHECKED_IN]->(:Exchange) RETURN count(r) AS value',
      { id: partner.id },
    );
    if (present !== 0)
      violations.push(`expected the partner checked out everywhere, got ${present} check-ins`);
    const board = await this.client.http(PUBLIC_EXCHANGE, { id: this.exchangeId });
    if (board?.status !== 200 || bodyOf(board)?.errors) {
      violations.push(`expected the public board to be readable, got ${board?.text.slice(0, 200)}`);
    }
    const shown = bodyOf(board)?.data?.exchange as { present?: { id: string }[] } | undefined;
    if (shown?.present?.some((p) => p.id === partner.id)) {
      violations.push('expected the partner no longer among those present on the public board');
    }
    return erased
      ? [...violations, ...(await this.erasureViolations(partner, board?.text ?? ''))]
      : violations;
  }

  /** Erasure: posts withdrawn and blanked (none lost), contact data gone, nothing shown. */
  private async erasureViolations(partner: ModelPartner, board: string): Promise<string[]> {
    const violations: string[] = [];
    const params = { id: partner.id, erased: ERASED_POST_TEXT };
    const kept = await this.readNumber(
      `MATCH (:Partner {id: $id})-[:POSTED]->(post:Post)
RETURN sum(CASE WHEN post.status = 'WITHDRAWN' AND post.text = $erased THEN 0 ELSE 1 END) AS value`,
      params,
    );
    if (kept !== 0) violations.push(`expected every post withdrawn and blanked, got ${kept} not`);
    const posts = await this.readNumber(
      'MATCH (:Partner {id: $id})-[:POSTED]->(post:Post) RETURN count(post) AS value',
      params,
    );
    if (posts !== partner.postTexts.length) {
      violations.push(
        `expected the ${partner.postTexts.length} posts of the partner kept (blanked), got ${posts}`,
      );
    }
    const contact = await this.readNumber(
      'MATCH (p:Partner {id: $id}) RETURN CASE WHEN p.contactEmail IS NULL AND p.contactName IS NULL THEN 0 ELSE 1 END AS value',
      params,
    );
    if (contact !== 0) violations.push('expected the contact data removed');
    const leaks = [partner.id, this.names.get(partner.id) ?? partner.id, ...partner.postTexts];
    const shown = leaks.filter((text) => board.includes(text));
    if (shown.length > 0) {
      violations.push(
        `expected nothing of the erased partner on the public board, found ${shown.join(', ')}`,
      );
    }
    return violations;
  }

  /** A coordinator opens the run's Kooperationsbörse. */
  private async openExchange(): Promise<string> {
    const created = await this.client.http(
      'mutation($input: CreateExchangeInput!) { createExchange(input: $input) { id } }',
      { input: { title: `Fuzz-Börse ${this.tag}` } },
      this.coordinator,
    );
    const id = (bodyOf(created)?.data?.createExchange as { id?: string } | undefined)?.id;
    if (!id) throw new Error(`expected createExchange to succeed, got ${created?.text}`);
    const opened = await this.client.http(
      'mutation($id: ID!) { openExchange(id: $id) { status } }',
      { id },
      this.coordinator,
    );
    if (bodyOf(opened)?.errors)
      throw new Error(`expected openExchange to succeed, got ${opened?.text}`);
    return id;
  }

  /**
   * After every step, each held token of each followed partner sends a PARTNER write: its own
   * profile (ACTIVE or APPLIED may) or a post (ACTIVE and checked in), every third over
   * graphql-ws.
   */
  private async heldTokenProbes(): Promise<Probe[]> {
    const probes: Probe[] = [];
    for (const partner of this.partners) {
      for (const token of this.tokens.get(partner.id) ?? []) {
        const n = this.next();
        const via: Transport = n % 3 === 0 ? 'ws' : 'http';
        probes.push(
          n % 2 === 0
            ? await this.profileProbe(partner, token, via)
            : this.postProbe(partner, token, via),
        );
      }
    }
    this.stats.probes += probes.length;
    for (const probe of probes) {
      const kind = probe.expectation.kind;
      this.stats.byExpectation[kind] = (this.stats.byExpectation[kind] ?? 0) + 1;
    }
    return probes;
  }

  private async profileProbe(
    partner: ModelPartner,
    token: HeldToken,
    via: Transport,
  ): Promise<Probe> {
    const version = await this.readNumber('MATCH (p:Partner {id: $id}) RETURN p.version AS value', {
      id: partner.id,
    });
    const input = { contactEmail: `probe-${this.tag}-${this.counter}@example.org` };
    return {
      label: `updatePartnerProfile of ${partner.id} (${partner.status}, iat ${token.issuedAt})`,
      expectation: actorVerdict(partner, token.issuedAt, true) ?? { kind: 'accepted' },
      transport: via,
      field: 'updatePartnerProfile',
      send: (t) =>
        this.client.send(
          t,
          UPDATE,
          { id: partner.id, v: version, input },
          { authorization: token.authorization },
        ),
    };
  }

  private readNumber(cypher: string, params: Record<string, unknown>): Promise<number | null> {
    return readNumber(this.target.executor, cypher, params);
  }

  private async digest(): Promise<string> {
    return (await computeGraphDigest(this.target.executor)).digest;
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }
}
