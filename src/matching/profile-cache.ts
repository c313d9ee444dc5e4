import type { PartnerProfile } from './matching.model';

/**
 * The most profiles kept; beyond it the cache starts afresh. 100,000 profiles of a few hundred
 * bytes each stay well below 100 MB.
 */
export const PROFILE_CACHE_SIZE = 100_000;

/**
 * Scoring profiles of candidates, valid for one data version. Candidate sets of different seekers
 * overlap heavily, so after a few requests most candidates cost no read at all; every write bumps
 * the version, which empties the cache before the next request uses it.
 */
export class ProfileCache {
  private version = -1;
  private readonly entries = new Map<string, PartnerProfile>();

  /** Empties the cache when `version` differs from the one its entries were read under. */
  useVersion(version: number): void {
    if (version === this.version) return;
    this.entries.clear();
    this.version = version;
  }

  /** Whether a profile is kept for `id` under the current version. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The profile kept for `id`, if any. */
  get(id: string): PartnerProfile | undefined {
    return this.entries.get(id);
  }

  /** Keeps a profile read under `version` (ignored when the cache moved on meanwhile). */
  set(profile: PartnerProfile, version: number): void {
    if (version !== this.version) return;
    if (this.entries.size >= PROFILE_CACHE_SIZE) this.entries.clear();
    this.entries.set(profile.id, profile);
  }
}
