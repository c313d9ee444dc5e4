import type { IncomingMessage } from 'node:http';
import type { Context } from 'graphql-ws';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate';
import type { AuthUser } from '../auth/auth.types';
import type { TokenRevocations } from '../auth/token-revocations';
import { type HeldToken, type PartnerStandings, TokenSweep } from '../auth/token-sweep';
import type { TokenVerifier } from '../auth/tokens';
import { CloseCode, ErrorCode, userError } from '../common/errors';
import { clientAddressOf } from './client-address';

/** The WebSocket settings (`WS_*`), under one config key: `http.webSocket`. */
export interface WebSocketSettings {
  /** A larger message closes the socket with 1009 (ws checks it). */
  maxPayloadBytes: number;
  /** A socket that sends no `connection_init` in time is closed with 4408. */
  connectionInitTimeoutMs: number;
  /** Operations running at once on one socket; one more is refused with TOO_MANY_REQUESTS. */
  maxSubscriptionsPerSocket: number;
  /** Open sockets per user (per address when anonymous); one more is closed with 4403. */
  maxSocketsPerUser: number;
  /** Pause between two checks of open partner sockets' tokens (see {@link TokenSweep}). */
  tokenSweepMs: number;
}

/** What the server keeps per WebSocket, next to graphql-ws's own `socket` and `request`. */
export type WsExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  user?: AuthUser | null;
  expiryTimer?: NodeJS.Timeout;
  /** The key this socket was counted under by {@link SocketCounter}. */
  countedAs?: string;
};

type WsContext = Context<Record<string, unknown> | undefined, WsExtra>;

/** What {@link webSocketPolicy} needs. */
export interface WebSocketPolicyOptions {
  settings: WebSocketSettings;
  /** Reverse proxies whose `X-Forwarded-For` entries count, for anonymous sockets' addresses. */
  trustProxyHops: number;
  verifyToken: TokenVerifier;
  tokenRevocations: TokenRevocations;
  /** Reads many partners' `tokensValidAfter` at once, for the token sweep. */
  partnerStandings: PartnerStandings;
  logger: Logger;
}

/**
 * Who may hold a WebSocket and how much it may run: authentication at `connection_init`, sockets
 * counted per user, operations per socket, partner sockets closed when their tokens end, and
 * socket errors logged instead of printed. The returned hooks plug into graphql-ws's server
 * options; `watch` into the ws server; `stop` ends the token sweep on shutdown.
 */
export function webSocketPolicy(options: WebSocketPolicyOptions) {
  const { settings, verifyToken, logger } = options;
  const sockets = new SocketCounter(settings.maxSocketsPerUser, options.trustProxyHops);
  const partners = new PartnerSockets();
  // Ended tokens close their sockets three ways: announced here or by another replica (Redis),
  // at the socket's next operation (refuseOperation), and at the latest by the periodic sweep.
  const stopListening = options.tokenRevocations.onEnded((id) => partners.closeAll(id));
  const sweep = new TokenSweep({
    intervalMs: settings.tokenSweepMs,
    held: () => partners.held(),
    standings: options.partnerStandings,
    logger,
  });
  return {
    /** graphql-ws `onConnect`: a bad token or one socket too many refuses the socket. */
    onConnect: async (ctx: WsContext) => {
      if (!(await authenticateSocket(ctx, verifyToken)) || !sockets.admit(ctx.extra)) return false;
      if (partners.add(ctx.extra)) sweep.start();
      return true;
    },
    /**
     * Part of graphql-ws `onSubscribe`: one operation too many is refused; and the token is
     * checked again (revoked, or its partner left, on another replica) — an ended token closes
     * the socket with 4403.
     */
    refuseOperation: async (ctx: WsContext) => {
      const overLimit = refuseOverLimit(ctx, settings.maxSubscriptionsPerSocket);
      if (overLimit) return overLimit;
      if (ctx.extra.user?.partnerId !== undefined && !(await tokenStillValid(ctx, verifyToken))) {
        endSocket(ctx.extra.socket);
      }
      return undefined;
    },
    /** graphql-ws `onClose`: the socket no longer counts, its expiry timer stops. */
    onClose: (ctx: WsContext) => {
      clearTimeout(ctx.extra.expiryTimer);
      sockets.release(ctx.extra);
      partners.remove(ctx.extra);
    },
    /** Logs the socket errors of the ws server (see {@link logSocketErrors}). */
    watch: (wsServer: WebSocketServer) => logSocketErrors(wsServer, logger),
    /** Server shutdown: no more sweeps, no more announcements. */
    stop: () => {
      sweep.stop();
      stopListening();
    },
  };
}

/** The close reason of a socket whose token ended while it was open. */
const TOKEN_ENDED = 'Token revoked';

async function tokenStillValid(ctx: WsContext, verify: TokenVerifier): Promise<boolean> {
  try {
    await authenticate(verify, ctx.connectionParams?.authorization);
    return true;
  } catch {
    return false;
  }
}

/** The open sockets of each partner, to close them when the partner's tokens end. */
class PartnerSockets {
  private readonly open = new Map<string, Set<WsExtra>>();

  /** Adds a PARTNER socket; returns whether it was one. */
  add(extra: WsExtra): boolean {
    const partnerId = extra.user?.partnerId;
    if (partnerId === undefined) return false;
    const set = this.open.get(partnerId) ?? new Set<WsExtra>();
    set.add(extra);
    this.open.set(partnerId, set);
    return true;
  }

  remove(extra: WsExtra): void {
    const partnerId = extra.user?.partnerId;
    if (partnerId === undefined) return;
    const set = this.open.get(partnerId);
    set?.delete(extra);
    if (set?.size === 0) this.open.delete(partnerId);
  }

  closeAll(partnerId: string): void {
    for (const extra of this.open.get(partnerId) ?? []) endSocket(extra.socket);
  }

  /** The tokens the open partner sockets hold, for the sweep. */
  held(): HeldToken[] {
    return [...this.open].flatMap(([partnerId, set]) =>
      [...set].map((extra) => ({
        partnerId,
        issuedAt: extra.user?.issuedAt,
        end: () => endSocket(extra.socket),
      })),
    );
  }
}

/** Closes a socket whose token ended (4403); graphql-ws's `onClose` then forgets it. */
function endSocket(socket: WebSocket): void {
  socket.close(CloseCode.Forbidden, TOKEN_ENDED);
}

/**
 * Counts open WebSockets per user (token subject; the address for anonymous sockets) and refuses
 * a socket beyond the limit with 4403 and a reason, so one client cannot exhaust the server.
 */
class SocketCounter {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly trustProxyHops: number,
  ) {}

  admit(extra: WsExtra): boolean {
    const key = extra.user
      ? `user:${extra.user.subject}`
      : `ip:${clientAddressOf(extra.request, this.trustProxyHops)}`;
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) {
      extra.socket.close(
        CloseCode.Forbidden,
        `Too many WebSockets for this user (max ${this.max})`,
      );
      return false;
    }
    this.open.set(key, count + 1);
    extra.countedAs = key;
    return true;
  }

  release(extra: WsExtra): void {
    const key = extra.countedAs;
    if (key === undefined) return;
    extra.countedAs = undefined;
    const count = (this.open.get(key) ?? 1) - 1;
    if (count > 0) this.open.set(key, count);
    else this.open.delete(key);
  }
}

/** Refuses an operation beyond the socket's limit of running ones. */
function refuseOverLimit(ctx: WsContext, max: number) {
  // graphql-ws has already registered the new operation under its id, so it counts itself.
  if (Object.keys(ctx.subscriptions).length <= max) return undefined;
  return [
    userError(
      ErrorCode.TOO_MANY_REQUESTS,
      `expected at most ${max} operations at once on one WebSocket; complete one first`,
    ),
  ];
}

/**
 * The token travels in `connectionParams.authorization` ("Bearer …"). A bad token refuses the
 * socket (`false` → close 4403 Forbidden); no token is PUBLIC. When the token expires, the socket
 * is closed with 4403, which ends all its subscriptions.
 */
async function authenticateSocket(ctx: WsContext, verify: TokenVerifier): Promise<boolean> {
  try {
    ctx.extra.user = await authenticate(verify, ctx.connectionParams?.authorization);
  } catch {
    return false;
  }
  const expiresAt = ctx.extra.user?.expiresAt;
  if (expiresAt !== undefined) {
    const delay = Math.min(Math.max(expiresAt * 1000 - Date.now(), 0), 2 ** 31 - 1);
    ctx.extra.expiryTimer = setTimeout(
      () => ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired'),
      delay,
    );
  }
  return true;
}

/**
 * Replaces graphql-ws's handler of socket errors, which writes to the console (breaking the JSON
 * log lines) for what are client faults: ws has already closed the socket with the matching
 * code (1009 message too big, 1002 protocol error, 1007 invalid UTF-8) when it reports them.
 */
function logSocketErrors(wsServer: WebSocketServer, logger: Logger): void {
  wsServer.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => {
      logger.warn({ err: error }, 'WebSocket closed after a protocol error');
      if (socket.readyState === socket.OPEN) {
        socket.close(CloseCode.InternalServerError, 'Internal server error');
      }
    });
  });
}
