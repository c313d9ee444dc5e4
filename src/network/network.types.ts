import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../common/scalars';
import { CooperationKind } from '../cooperations/cooperation.types';
import {
  PartnerKind,
  PartnerScope,
  PartnerStatus,
  Perspective,
  Sector,
} from '../partners/partner.types';

/** Which projection of the alliance graph `network` returns. */
export enum NetworkMode {
  PARTNERS = 'PARTNERS',
  BIPARTITE = 'BIPARTITE',
  DIMENSIONS = 'DIMENSIONS',
}
registerEnumType(NetworkMode, {
  name: 'NetworkMode',
  description:
    'PARTNERS: partners linked by shared cooperations; BIPARTITE: partners and cooperations; DIMENSIONS: dimensions linked by cooperations that address both.',
});

/** What a node of the network stands for. */
export enum NetworkNodeKind {
  PARTNER = 'PARTNER',
  COOPERATION = 'COOPERATION',
  DIMENSION = 'DIMENSION',
}
registerEnumType(NetworkNodeKind, { name: 'NetworkNodeKind' });

/** Filter of `network`; all given conditions must hold. */
@InputType({ description: 'Filter of network; all given conditions must hold.' })
export class NetworkFilter {
  @Field(() => [Sector], { nullable: true, description: 'Partners of any of these sectors.' })
  sectors?: Sector[] | null;

  @Field(() => [PartnerStatus], {
    nullable: true,
    description: 'Partners of any of these statuses. Default: the members (ACTIVE, PAUSED).',
  })
  statuses?: PartnerStatus[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'PARTNERS, BIPARTITE: partners engaged in any of these dimensions. DIMENSIONS: only these dimension nodes.',
  })
  dimensions?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Partners located in any of these districts.',
  })
  districts?: string[] | null;

  @Field(() => [CooperationKind], {
    nullable: true,
    description: 'Count only cooperations of these kinds.',
  })
  cooperationKinds?: CooperationKind[] | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Count only cooperations started on or after this date.',
  })
  from?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Count only cooperations started on or before this date.',
  })
  to?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Leave out edges lighter than this (default 1); their nodes stay.',
  })
  minWeight?: number | null;
}

/** A dimension a partner node engages in, and from which perspective. */
@ObjectType({
  description: 'A dimension a partner engages in, and from which perspective (for colouring).',
})
export class NetworkNodeDimension {
  @Field(() => String, { description: 'Dimension key, as in `dimensions { key }`.' })
  key!: string;

  @Field(() => Perspective)
  perspective!: Perspective;
}

/** A node of the network, with its metrics and layout position. */
@ObjectType({ description: 'A node of the network, with metrics and a layout position.' })
export class NetworkNode {
  @Field(() => ID, { description: 'Partner id, cooperation id or dimension key.' })
  id!: string;

  @Field(() => String, { description: 'Partner name, cooperation title or dimension name.' })
  label!: string;

  @Field(() => NetworkNodeKind)
  kind!: NetworkNodeKind;

  @Field(() => Sector, { nullable: true, description: "The partner's sector." })
  sector!: Sector | null;

  @Field(() => PartnerKind, { nullable: true, description: "The partner's kind of organisation." })
  partnerKind!: PartnerKind | null;

  @Field(() => CooperationKind, { nullable: true, description: "The cooperation's kind." })
  cooperationKind!: CooperationKind | null;

  @Field(() => String, {
    nullable: true,
    description: "The partner's district (Stadtteil) key; null for other kinds or without one.",
  })
  districtKey!: string | null;

  @Field(() => String, { nullable: true, description: "The partner's district name." })
  districtName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The name of the borough (Stadtbezirk) of the partner's district.",
  })
  borough!: string | null;

  @Field(() => String, { nullable: true, description: "The key of the partner's borough." })
  boroughKey!: string | null;

  @Field(() => PartnerStatus, { nullable: true, description: "The partner's status." })
  status!: PartnerStatus | null;

  @Field(() => PartnerScope, {
    nullable: true,
    description: "The partner's Wirkungsbereich (NEIGHBOURHOOD unless it said otherwise).",
  })
  scope!: PartnerScope | null;

  @Field(() => [NetworkNodeDimension], {
    nullable: true,
    description:
      "The partner's engagements, ordered by key, then perspective (empty when it named none); null for other kinds.",
  })
  dimensions!: NetworkNodeDimension[] | null;

  @Field(() => Int, {
    description:
      'Counted cooperations (partner, dimension) or counted participants (cooperation); for node size.',
  })
  size!: number;

  @Field(() => Int, { description: 'Number of neighbours.' })
  degree!: number;

  @Field(() => Float, { description: 'Sum of the weights of its edges.' })
  weightedDegree!: number;

  @Field(() => Float, {
    description:
      'Normalised betweenness centrality in [0, 1] over unweighted shortest paths; estimated from a sample of sources on large graphs (see metrics.betweennessExact).',
  })
  betweenness!: number;

  @Field(() => Int, { description: 'Louvain community, numbered from 0 by decreasing size.' })
  community!: number;

  @Field(() => Float, { description: 'ForceAtlas2 position.' })
  x!: number;

  @Field(() => Float, { description: 'ForceAtlas2 position.' })
  y!: number;
}

/** An undirected edge of the network. */
@ObjectType({ description: 'An undirected edge of the network.' })
export class NetworkEdge {
  @Field(() => ID, { description: '`source--target`.' })
  id!: string;

  @Field(() => ID)
  source!: string;

  @Field(() => ID)
  target!: string;

  @Field(() => Int, {
    description:
      'PARTNERS: shared cooperations; DIMENSIONS: cooperations addressing both; BIPARTITE: 1.',
  })
  weight!: number;

  @Field(() => [CooperationKind], { description: 'Kinds of the cooperations behind the edge.' })
  kinds!: CooperationKind[];

  @Field(() => Int, {
    nullable: true,
    description: 'Year the first of these cooperations started.',
  })
  firstYear!: number | null;

  @Field(() => Int, { nullable: true, description: 'Year the last of these cooperations started.' })
  lastYear!: number | null;
}

/** Whole-graph figures. */
@ObjectType({ description: 'Whole-graph figures of the network.' })
export class NetworkMetrics {
  @Field(() => Int)
  nodes!: number;

  @Field(() => Int)
  edges!: number;

  @Field(() => Float, { description: 'edges / possible edges, 2m / (n(n-1)).' })
  density!: number;

  @Field(() => Int, { description: 'Connected components; an isolated node is one.' })
  components!: number;

  @Field(() => Float, {
    description: 'Mean local clustering coefficient; nodes with fewer than two neighbours count 0.',
  })
  averageClustering!: number;

  @Field(() => Float, { description: 'Weighted modularity of the Louvain communities.' })
  modularity!: number;

  @Field(() => Int, { description: 'Number of Louvain communities.' })
  communities!: number;

  @Field(() => Boolean, { description: 'False when betweenness was estimated from a sample.' })
  betweennessExact!: boolean;

  @Field(() => Int, {
    description: 'Source nodes of the shortest-path searches behind betweenness.',
  })
  betweennessSources!: number;

  @Field(() => Int, { description: 'ForceAtlas2 iterations of the layout.' })
  layoutIterations!: number;
}

/** A render-ready network: nodes with positions and metrics, edges, whole-graph metrics. */
@ObjectType({ description: 'A render-ready network of the alliance (Bündnisnetzwerk).' })
export class Network {
  @Field(() => NetworkMode)
  mode!: NetworkMode;

  @Field(() => Int, {
    description: 'Data version the network was computed at; every write increases it.',
  })
  dataVersion!: number;

  @Field(() => [NetworkNode])
  nodes!: NetworkNode[];

  @Field(() => [NetworkEdge])
  edges!: NetworkEdge[];

  @Field(() => NetworkMetrics)
  metrics!: NetworkMetrics;
}
