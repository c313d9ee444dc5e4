import type { NetworkRows, PartnerAttributes } from '../../src/network/network.model';

/** Where a test partner is and what it engages in; p1 has no district and no dimensions. */
const at = (
  districtKey: string | null,
  status: string,
  dimensions: [string, string][],
): PartnerAttributes => ({
  districtKey,
  districtName: districtKey === null ? null : districtKey.toUpperCase(),
  borough: districtKey === null ? null : `Bezirk ${districtKey}`,
  boroughKey: districtKey === null ? null : `b-${districtKey}`,
  status,
  scope: districtKey === null ? 'CITY' : 'NEIGHBOURHOOD',
  dimensions: dimensions.map(([key, perspective]) => ({ key, perspective })),
});

/** Four partners and three cooperations; p4 never cooperates. Shared by the network unit tests. */
export const NETWORK_ROWS: NetworkRows = {
  partners: [
    {
      id: 'p1',
      name: 'Eins',
      sector: 'CIVIL_SOCIETY',
      kind: 'ASSOCIATION',
      ...at(null, 'ACTIVE', []),
    },
    {
      id: 'p2',
      name: 'Zwei',
      sector: 'BUSINESS',
      kind: 'COMPANY',
      ...at('jungbusch', 'ACTIVE', [
        ['age', 'SERVICE'],
        ['religion', 'ADVOCACY'],
        ['religion', 'COMMUNITY'],
      ]),
    },
    {
      id: 'p3',
      name: 'Drei',
      sector: 'POLITICS',
      kind: 'PARTY_OR_FACTION',
      ...at('neckarstadt-west', 'PAUSED', [['gender', 'ADVOCACY']]),
    },
    {
      id: 'p4',
      name: 'Vier',
      sector: 'ADMINISTRATION',
      kind: 'PUBLIC_AUTHORITY',
      ...at('jungbusch', 'ACTIVE', []),
    },
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
