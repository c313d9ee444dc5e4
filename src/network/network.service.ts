import { createHash } from 'node:crypto';
import type { Language } from '../common/language';
import { VersionedCache, type CacheStats } from './network.cache';
import {
  type NetworkFilterInput,
  networkCacheKey,
  normaliseFilter,
  type NormalisedNetworkFilter,
} from './network.filter';
import type { NetworkData, NetworkExportFormat, NetworkModeName } from './network.model';
import { type PackedNetwork, unpackNetwork } from './network.packing';
import type { NetworkComputer } from './network.pool';
import type { NetworkRepository } from './network.repository';

/** A computed network as the API returns it: the data plus what it was computed for. */
export interface NetworkView extends NetworkData {
  mode: NetworkModeName;
  dataVersion: number;
}

/** A serialised export and the data version it shows. */
export interface NetworkExport {
  body: string;
  dataVersion: number;
}

/** Tuning of {@link NetworkService}. */
export interface NetworkServiceOptions {
  /**
   * Networks kept in the cache (all modes and filters together). A 50k-partner network takes
   * some tens of MB.
   * @default 16
   */
  cacheEntries?: number;
  /**
   * Serialised exports kept (they are large strings).
   * @default 4
   */
  exportCacheEntries?: number;
  /**
   * Seed of the layout's start, Louvain and betweenness sampling: the same data always gives the
   * same network.
   * @default 42
   */
  seed?: number;
}

/**
 * The network use cases: reads the data version (one cheap query), answers from the cache when
 * it holds the network for that version, mode and filter, and otherwise reads the rows from Neo4j
 * on this thread and has the worker compute the network, unless it computed one from the very
 * same rows before. Every write bumps the data version, so a cached network is never served after
 * the data changed.
 */
export class NetworkService {
  private readonly networks: VersionedCache<PackedNetwork>;
  /**
   * Computations by their input (mode, settings and a hash of the rows), across data versions:
   * most writes (a profile text, a meeting, an audit entry) bump the data version but leave the
   * rows as they were, and reading the rows again costs milliseconds where computing the layout
   * costs a few hundred. The same rows and seed give the same network, so reuse is exact.
   */
  private readonly byInput: VersionedCache<PackedNetwork>;
  /** Node and edge objects of cached networks, made on first use (see {@link unpacked}). */
  private readonly objects = new WeakMap<PackedNetwork, NetworkData>();
  private readonly exports: VersionedCache<string>;
  private readonly seed: number;

  constructor(
    private readonly repository: NetworkRepository,
    private readonly computer: NetworkComputer,
    options: NetworkServiceOptions = {},
  ) {
    this.networks = new VersionedCache(options.cacheEntries ?? 16);
    this.byInput = new VersionedCache(options.cacheEntries ?? 16);
    this.exports = new VersionedCache(options.exportCacheEntries ?? 4);
    this.seed = options.seed ?? 42;
  }

  /**
   * The network of a mode and filter at the current data version.
   *
   * @throws BAD_USER_INPUT for a filter {@link normaliseFilter} refuses
   */
  async network(
    mode: NetworkModeName,
    filter: NetworkFilterInput | null | undefined,
    language: Language,
  ): Promise<NetworkView> {
    const normalised = normaliseFilter(filter);
    const dataVersion = await this.repository.dataVersion();
    const packed = await this.computed(dataVersion, mode, normalised, language);
    return { mode, dataVersion, ...this.unpacked(packed) };
  }

  /**
   * The Louvain community of every partner that has cooperated, from the PARTNERS network (the
   * matching's bridging). Partners without a cooperation are left out: a community of one says
   * nothing about being in another circle.
   */
  async partnerCommunities(): Promise<Map<string, string>> {
    const { nodes } = await this.network('PARTNERS', null, 'de');
    return new Map(nodes.filter((n) => n.degree > 0).map((n) => [n.id, `c${n.community}`]));
  }

  /**
   * The network serialised in an export format; serialised in the worker and cached like the
   * network itself.
   *
   * @throws BAD_USER_INPUT for a filter {@link normaliseFilter} refuses
   */
  async export(
    format: NetworkExportFormat,
    mode: NetworkModeName,
    filter: NetworkFilterInput | null | undefined,
    language: Language,
  ): Promise<NetworkExport> {
    const normalised = normaliseFilter(filter);
    const dataVersion = await this.repository.dataVersion();
    const key = `${format}\u0000${networkCacheKey(mode, normalised, language)}`;
    const body = await this.exports.get(dataVersion, key, async () => {
      const data = await this.computed(dataVersion, mode, normalised, language);
      return this.computer.serialise(data, format, { mode, dataVersion });
    });
    return { body, dataVersion };
  }

  /** Cache counts of networks and exports. */
  cacheStats(): { networks: CacheStats; exports: CacheStats } {
    return { networks: this.networks.stats(), exports: this.exports.stats() };
  }

  /** Stops the worker; called when the app stops. */
  close(): Promise<void> {
    return this.computer.close();
  }

  /** The objects of a packed network, made once per cached network (the worker sends columns). */
  private unpacked(packed: PackedNetwork): NetworkData {
    let data = this.objects.get(packed);
    if (data === undefined) {
      data = unpackNetwork(packed);
      this.objects.set(packed, data);
    }
    return data;
  }

  private computed(
    dataVersion: number,
    mode: NetworkModeName,
    filter: NormalisedNetworkFilter,
    language: Language,
  ): Promise<PackedNetwork> {
    const key = networkCacheKey(mode, filter, language);
    return this.networks.get(dataVersion, key, async () => {
      const rows = await this.repository.rows(mode, filter, language);
      const input = createHash('sha256').update(JSON.stringify(rows)).digest('base64');
      // One version for all entries: a plain LRU; the key holds everything the result depends on.
      return this.byInput.get(0, `${key}\u0000${input}`, () =>
        this.computer.compute(rows, { mode, minWeight: filter.minWeight, seed: this.seed }),
      );
    });
  }
}
