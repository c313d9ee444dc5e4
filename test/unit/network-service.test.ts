import { computeNetwork } from '../../src/network/network.compute';
import type { NetworkRows } from '../../src/network/network.model';
import { NETWORK_ROWS as ROWS } from '../support/network-rows';
import { packNetwork } from '../../src/network/network.packing';
import type { NetworkComputer } from '../../src/network/network.pool';
import type { NetworkRepository } from '../../src/network/network.repository';
import { NetworkService } from '../../src/network/network.service';

/**
 * The service over a graph whose data version and rows the test sets, and a computer that runs
 * the real computation on this thread and counts how often it is asked.
 */
function serviceOver(graph: { version: number; rows: NetworkRows }) {
  const repository = {
    dataVersion: () => Promise.resolve(graph.version),
    rows: () => Promise.resolve(structuredClone(graph.rows)),
  } as unknown as NetworkRepository;
  const counted = { computations: 0 };
  const computer: NetworkComputer = {
    compute: (rows, settings) => {
      counted.computations += 1;
      return Promise.resolve(packNetwork(computeNetwork(rows, settings)));
    },
    serialise: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
  };
  return { service: new NetworkService(repository, computer), counted };
}

describe('NetworkService', () => {
  it('should not compute again when a write left the rows of the network as they were', async () => {
    const graph = { version: 1, rows: ROWS };
    const { service, counted } = serviceOver(graph);
    const first = await service.network('PARTNERS', null, 'de');
    graph.version = 2;
    const second = await service.network('PARTNERS', null, 'de');
    expect(counted.computations).toBe(1);
    expect(second.dataVersion).toBe(2);
    expect({ ...second, dataVersion: 1 }).toEqual(first);
  });

  it('should compute again when the rows changed with the data version', async () => {
    const graph = { version: 1, rows: ROWS };
    const { service, counted } = serviceOver(graph);
    await service.network('PARTNERS', null, 'de');
    graph.version = 2;
    graph.rows = { ...ROWS, partners: ROWS.partners.map((p) => ({ ...p, name: `${p.name}!` })) };
    const renamed = await service.network('PARTNERS', null, 'de');
    expect(counted.computations).toBe(2);
    expect(renamed.nodes.map((n) => n.label).sort()).toEqual(['Drei!', 'Eins!', 'Vier!', 'Zwei!']);
  });

  it('should not read the rows again within one data version', async () => {
    const graph = { version: 7, rows: ROWS };
    const { service, counted } = serviceOver(graph);
    await Promise.all([
      service.network('PARTNERS', null, 'de'),
      service.network('PARTNERS', null, 'de'),
    ]);
    expect(counted.computations).toBe(1);
    expect(service.cacheStats().networks).toMatchObject({ hits: 1, misses: 1 });
  });
});
