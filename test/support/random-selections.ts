import type { Rng } from '../../seeds/demo/rng';

/** A field a random selection may pick: its name, the type below it, its possible arguments. */
interface FieldChoice {
  name: string;
  type?: string;
  args?: (rng: Rng) => string;
}

const page = (rng: Rng) => (rng.chance(0.8) ? `first: ${rng.int(0, 4)}` : `last: ${rng.int(1, 3)}`);
const connection = (node: string): FieldChoice[] => [
  { name: 'totalCount' },
  { name: 'edges', type: `${node}Edge` },
  { name: 'pageInfo', type: 'PageInfo' },
];
const scalars = (...names: string[]): FieldChoice[] => names.map((name) => ({ name }));
const KINDS = ['DIVERSITY_COOPERATION', 'NETWORK_PROJECT', 'ACTION_DAY_EVENT'];
const PERSPECTIVES = ['COMMUNITY', 'ADVOCACY', 'SERVICE'];
/** Filters from a plain label scan and from each anchor (district, borough, dimension, search). */
const PARTNER_FILTERS = [
  '{ statuses: [ACTIVE] }',
  '{ districts: ["jungbusch", "innenstadt"] }',
  '{ boroughs: ["innenstadt_jungbusch"], sectors: [CIVIL_SOCIETY] }',
  '{ dimensions: ["age"], perspective: COMMUNITY }',
  '{ search: "Verein" }',
];

/** The read types and the fields a random selection picks from. */
const TYPES: Record<string, FieldChoice[]> = {
  Partner: [
    ...scalars('id', 'name', 'sector', 'kind', 'status', 'joinedOn', 'description', 'website'),
    ...scalars('cooperationCount', 'lastActiveOn', 'version', 'contactName', 'contactEmail'),
    ...scalars('contactPhone', 'internalNotes', 'scope'),
    { name: 'offers', type: 'OfferOrNeed' },
    { name: 'needs', type: 'OfferOrNeed' },
    { name: 'dimensions', type: 'PartnerDimension' },
    { name: 'topics', type: 'Topic' },
    { name: 'district', type: 'District' },
    { name: 'events', type: 'AllianceEvent' },
    {
      name: 'cooperations',
      type: 'CooperationConnection',
      args: (rng) => (rng.chance(0.4) ? `${page(rng)}, kinds: [${rng.pick(KINDS)}]` : page(rng)),
    },
  ],
  PartnerDimension: [...scalars('perspective'), { name: 'dimension', type: 'Dimension' }],
  Dimension: [
    ...scalars('key', 'nameDe', 'nameEn', 'descriptionDe'),
    {
      name: 'partners',
      type: 'PartnerConnection',
      args: (rng) =>
        rng.chance(0.5) ? `${page(rng)}, perspective: ${rng.pick(PERSPECTIVES)}` : page(rng),
    },
    { name: 'cooperations', type: 'CooperationConnection', args: page },
  ],
  District: [
    ...scalars('key', 'name', 'borough', 'boroughKey'),
    { name: 'partners', type: 'PartnerConnection', args: page },
  ],
  Topic: scalars('key', 'nameDe', 'nameEn'),
  OfferOrNeed: scalars('text', 'topicKeys'),
  AllianceEvent: scalars('id', 'kind', 'title', 'date', 'participantCount'),
  Cooperation: [
    ...scalars('id', 'title', 'kind', 'status', 'startedOn', 'endedOn', 'funding'),
    { name: 'partners', type: 'CooperationParticipant' },
    { name: 'dimensions', type: 'Dimension' },
  ],
  CooperationParticipant: [...scalars('role'), { name: 'partner', type: 'Partner' }],
  PartnerConnection: connection('Partner'),
  CooperationConnection: connection('Cooperation'),
  EventConnection: connection('Event'),
  PartnerEdge: [...scalars('cursor'), { name: 'node', type: 'Partner' }],
  CooperationEdge: [...scalars('cursor'), { name: 'node', type: 'Cooperation' }],
  EventEdge: [...scalars('cursor'), { name: 'node', type: 'AllianceEvent' }],
  PageInfo: scalars('hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'),
};

/** Object types nest at most this deep below the root field (result sizes multiply). */
const MAX_DEPTH = 5;

/**
 * Random GraphQL read operations over the compiled root fields: random fields, aliases, inline
 * and named fragments, `__typename`, `@include`/`@skip`, and random arguments of nested
 * connections; the same seed gives the same operations.
 */
export class RandomSelections {
  private fragments: string[] = [];
  private aliasCount = 0;

  constructor(
    private readonly rng: Rng,
    private readonly ids: { partners: string[]; cooperations: string[] },
  ) {}

  /** One operation (query text) with one to two root fields. */
  operation(): string {
    this.fragments = [];
    this.aliasCount = 0;
    const roots = Array.from({ length: this.rng.int(1, 2) }, () => this.root());
    return [`query Random {\n${roots.join('\n')}\n}`, ...this.fragments].join('\n');
  }

  private root(): string {
    const rng = this.rng;
    const alias = this.alias();
    switch (rng.int(0, 6)) {
      case 0: {
        const order = rng.pick(['NAME', 'JOINED_ON', 'COOPERATION_COUNT', 'LAST_ACTIVITY']);
        const direction = rng.pick(['ASC', 'DESC']);
        const filter = rng.chance(0.5) ? `, filter: ${rng.pick(PARTNER_FILTERS)}` : '';
        return `${alias}partners(${page(rng)}, orderBy: { field: ${order}, direction: ${direction} }${filter}) ${this.selection('PartnerConnection', 1)}`;
      }
      case 1:
        return `${alias}partner(id: "${rng.pick(this.ids.partners)}") ${this.selection('Partner', 1)}`;
      case 2: {
        const order = rng.pick(['STARTED_ON', 'TITLE']);
        const filter = rng.chance(0.4) ? `, filter: { kinds: [${rng.pick(KINDS)}] }` : '';
        return `${alias}cooperations(${page(rng)}, orderBy: { field: ${order}, direction: DESC }${filter}) ${this.selection('CooperationConnection', 1)}`;
      }
      case 3:
        return `${alias}cooperation(id: "${rng.pick(this.ids.cooperations)}") ${this.selection('Cooperation', 1)}`;
      case 4:
        return `${alias}events(${page(rng)}) ${this.selection('EventConnection', 1)}`;
      case 5:
        return `${alias}dimensions ${this.selection('Dimension', 1)}`;
      default:
        return `${alias}districts ${this.selection('District', 1)}`;
    }
  }

  private alias(): string {
    return this.rng.chance(0.3) ? `a${this.aliasCount++}: ` : '';
  }

  private selection(type: string, depth: number): string {
    const rng = this.rng;
    const choices = (TYPES[type] as FieldChoice[]).filter(
      (c) => c.type === undefined || depth < MAX_DEPTH,
    );
    const picked = rng.shuffle(choices).slice(0, rng.int(1, 4));
    const parts = picked.map((choice) => {
      const args = choice.args ? `(${choice.args(rng)})` : '';
      const below = choice.type ? ` ${this.selection(choice.type, depth + 1)}` : '';
      const directive = rng.chance(0.05) ? ` @include(if: ${rng.chance(0.5)})` : '';
      return `${this.alias()}${choice.name}${args}${directive}${below}`;
    });
    if (rng.chance(0.15)) parts.push('__typename');
    const body = parts.join(' ');
    if (rng.chance(0.1)) return `{ ... on ${type} { ${body} } }`;
    if (rng.chance(0.1)) {
      const name = `F${this.fragments.length}`;
      this.fragments.push(`fragment ${name} on ${type} { ${body} }`);
      return `{ ...${name} }`;
    }
    return `{ ${body} }`;
  }
}
