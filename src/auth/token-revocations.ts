/**
 * Tells who holds open connections (the WebSocket policy) that a partner's tokens just ended
 * (`revokePartnerTokens`, leaving, erasure), so that they close them at once. In-process: other
 * replicas refuse the ended tokens at the socket's next operation, when the token is checked
 * again (src/limits/ws-connections.ts).
 */
export class TokenRevocations {
  private readonly listeners = new Set<(partnerId: string) => void>();

  /** Announces that every token of the partner issued until now has ended. */
  ended(partnerId: string): void {
    for (const listener of this.listeners) listener(partnerId);
  }

  /** Listens for ended tokens; returns the function that stops listening. */
  onEnded(listener: (partnerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
