import type { DimensionRepository } from './dimension.repository';
import type { Dimension } from './dimension.types';
import { assertKey } from '../common/checks';

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
