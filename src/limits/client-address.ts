import type { IncomingMessage } from 'node:http';

/**
 * The address of the client behind `trustedHops` reverse proxies (e.g. 1 behind the nginx of the
 * docker-compose set-up): each proxy appends the address it received the request from to
 * `X-Forwarded-For`, so the entry `trustedHops` places from the right, counting the connection's
 * own peer as the last one, is the first address no trusted proxy vouches for beyond. Entries
 * further left were written by the client itself and prove nothing. With 0 hops the header is
 * ignored: anyone may send it. The per-IP limits count by this address.
 *
 * @param forwardedFor - the `X-Forwarded-For` header(s) as Node gives them
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const chain = [
    ...[forwardedFor ?? []]
      .flat()
      .flatMap((header) => header.split(','))
      .map((entry) => entry.trim())
      .filter(Boolean),
    peer ?? 'unknown',
  ];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] as string;
}

/** {@link clientAddress} of an HTTP request or a WebSocket's upgrade request. */
export function clientAddressOf(request: IncomingMessage, trustedHops: number): string {
  return clientAddress(
    request.socket.remoteAddress,
    request.headers['x-forwarded-for'],
    trustedHops,
  );
}
