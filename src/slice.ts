import type { Express } from 'express';

/**
 * One feature slice of the API, as the composition root (src/slices.ts) sees it: the resolver
 * instances it adds to the schema, the plain HTTP routes it mounts, and what it holds open.
 * A slice is made by a factory in its folder (`x.slice.ts`) that receives only the collaborators
 * it uses; adding a slice means adding its folder and one line in src/slices.ts.
 */
export interface Slice {
  /** For logs and errors: the folder's name. */
  name: string;
  /** Resolver instances, each built with the services it calls (constructor injection). */
  resolvers: readonly object[];
  /** Mounts the slice's plain HTTP routes (exports, the viewer) on the app. */
  routes?: (app: Express) => void;
  /**
   * Fills caches the slice's first requests would otherwise wait for; called once when the API is
   * ready (`MATCHING_WARM_UP`). Must not throw: a failed warm-up only means a slower first request.
   */
  warmUp?: () => Promise<void>;
  /** Ends what the slice holds open (worker threads, Redis connections); called in reverse order. */
  close?: () => Promise<void>;
}
