import type { NetworkRows } from '../../src/network/network.model';

/** Four partners and three cooperations; p4 never cooperates. Shared by the network unit tests. */
export const NETWORK_ROWS: NetworkRows = {
  partners: [
    { id: 'p1', name: 'Eins', sector: 'CIVIL_SOCIETY', kind: 'ASSOCIATION' },
    { id: 'p2', name: 'Zwei', sector: 'BUSINESS', kind: 'COMPANY' },
    { id: 'p3', name: 'Drei', sector: 'POLITICS', kind: 'PARTY_OR_FACTION' },
    { id: 'p4', name: 'Vier', sector: 'ADMINISTRATION', kind: 'PUBLIC_AUTHORITY' },
  ],
  cooperations: [
    {
      id: 'c1',
      title: 'Erste',
      kind: 'DIVERSITY_COOPERATION',
      year: 2017,
      partnerIds: ['p1', 'p2'],
      dimensionKeys: ['age', 'gender'],
    },
    {
      id: 'c2',
      title: 'Zweite',
      kind: 'ACTION_DAY_EVENT',
      year: 2021,
      partnerIds: ['p1', 'p2', 'p3'],
      dimensionKeys: ['age', 'gender', 'religion'],
    },
    {
      id: 'c3',
      title: 'Dritte',
      kind: 'NETWORK_PROJECT',
      year: null,
      partnerIds: ['p2', 'p3'],
      dimensionKeys: ['religion'],
    },
  ],
  dimensions: [
    { key: 'age', label: 'Alter' },
    { key: 'gender', label: 'Geschlecht' },
    { key: 'religion', label: 'Religion' },
  ],
};
