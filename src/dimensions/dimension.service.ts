import { ErrorCode, userError } from '../common/errors';
import type { DimensionRepository } from './dimension.repository';
import type { Dimension } from './dimension.types';

/** Shape of every reference key (dimensions, topics, districts). */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Checks that a key is well-formed.
 *
 * @throws BAD_USER_INPUT naming the argument, what is expected and what was given
 */
export function assertKey(argument: string, key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected ${argument} to be a lower-case key such as "social_origin" (a-z, 0-9, _; at most 64 characters), got ${JSON.stringify(key.slice(0, 80))}`,
      { argument },
    );
  }
}

/** Use cases of the diversity dimensions. */
export class DimensionService {
  constructor(private readonly repository: DimensionRepository) {}

  /** All seven dimensions, ordered by key. */
  list(): Promise<Dimension[]> {
    return this.repository.findAll();
  }

  /**
   * One dimension by key.
   *
   * @returns the dimension, or `null` for a well-formed key that does not exist
   * @throws BAD_USER_INPUT for a malformed key
   */
  async get(key: string): Promise<Dimension | null> {
    assertKey('key', key);
    const [dimension] = await this.repository.findByKeys([key]);
    return dimension ?? null;
  }
}
