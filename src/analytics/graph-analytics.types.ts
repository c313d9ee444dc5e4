import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../common/connection.types';
import { PartnerKind, Sector } from '../partners/partner.types';

/** A partner as a node of the partners network, with its metrics. */
@ObjectType({
  description:
    'A partner as a node of network(mode: PARTNERS), with its metrics (coordinator analytics).',
})
export class GraphPartner {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Sector, { nullable: true })
  sector!: Sector | null;

  @Field(() => PartnerKind, { nullable: true })
  partnerKind!: PartnerKind | null;

  @Field(() => Int, { description: 'Cooperations counted in the network (the node size).' })
  cooperations!: number;

  @Field(() => Int, { description: 'Partners it shares a cooperation with.' })
  degree!: number;

  @Field(() => Float, { description: 'Sum of the weights of its edges.' })
  weightedDegree!: number;

  @Field(() => Float, { description: 'Normalised betweenness centrality in [0, 1].' })
  betweenness!: number;

  @Field(() => Int, { description: 'Its Louvain community.' })
  community!: number;
}

/** A page of isolated partners. */
export const IsolatedPartnerConnection = connectionType(GraphPartner, 'IsolatedPartner');

/** A pair of partners that never cooperated and would close a gap or bridge two communities. */
@ObjectType({
  description:
    'Two partners that never cooperated, proposed by the matching (Kooperationsvorschlag): `first` lies on the first side (dimension or community), `second` on the other.',
})
export class ProposedPartnerPair {
  @Field(() => GraphPartner)
  first!: GraphPartner;

  @Field(() => GraphPartner)
  second!: GraphPartner;

  @Field(() => Float, { description: 'The matching score in [0, 1] of the suggestion.' })
  score!: number;

  @Field(() => [String], { description: 'Keys of the dimensions the two cover together.' })
  coveredDimensionKeys!: string[];
}

/** Two dimensions and how rarely cooperations combine them. */
@ObjectType({
  description:
    'A pair of diversity dimensions and how many cooperations of the members address both, with partner pairs that would combine them.',
})
export class DimensionPairGap {
  @Field(() => String)
  firstDimensionKey!: string;

  @Field(() => String, { description: 'In the response language.' })
  firstDimensionName!: string;

  @Field(() => String)
  secondDimensionKey!: string;

  @Field(() => String, { description: 'In the response language.' })
  secondDimensionName!: string;

  @Field(() => Int, {
    description:
      'Cooperations addressing both (the edge weight of network(mode: DIMENSIONS); 0 without an edge).',
  })
  cooperations!: number;

  @Field(() => Int, { description: 'Member partners engaged in the first dimension.' })
  partnersInFirst!: number;

  @Field(() => Int, { description: 'Member partners engaged in the second dimension.' })
  partnersInSecond!: number;

  @Field(() => Int, { description: 'Member partners engaged in both.' })
  partnersInBoth!: number;

  @Field(() => [ProposedPartnerPair], {
    description:
      'Up to 3 pairs: `first` engages in the first dimension, `second` in the second; best score first.',
  })
  pairs!: ProposedPartnerPair[];
}

/** How many members of a community engage in a dimension. */
@ObjectType({ description: 'How many members of a community engage in a dimension.' })
export class CommunityDimension {
  @Field(() => String)
  key!: string;

  @Field(() => String, { description: 'In the response language.' })
  name!: string;

  @Field(() => Int)
  partners!: number;

  @Field(() => Float, { description: 'partners / community size.' })
  share!: number;
}

/** How many members of a community belong to a sector. */
@ObjectType({ description: 'How many members of a community belong to a sector.' })
export class CommunitySector {
  @Field(() => Sector)
  sector!: Sector;

  @Field(() => Int)
  partners!: number;

  @Field(() => Float, { description: 'partners / community size.' })
  share!: number;
}

/** One Louvain community of the partners network. */
@ObjectType({ description: 'A Louvain community of network(mode: PARTNERS).' })
export class NetworkCommunity {
  @Field(() => Int, { description: 'Its number, as NetworkNode.community (0 = the largest).' })
  id!: number;

  @Field(() => Int)
  size!: number;

  @Field(() => Int, { description: 'Edges between two members.' })
  internalTies!: number;

  @Field(() => Int, { description: 'Edges from a member to a partner of another community.' })
  externalTies!: number;

  @Field(() => Int, { description: 'Other communities it has at least one edge to.' })
  neighbourCommunities!: number;

  @Field(() => [CommunityDimension], {
    description: 'The (up to) 3 dimensions most members engage in; ties by key.',
  })
  dominantDimensions!: CommunityDimension[];

  @Field(() => [CommunitySector], { description: 'Every sector of the members, largest first.' })
  sectors!: CommunitySector[];

  @Field(() => String, {
    description:
      'A name from its dominant dimensions and sectors, in the response language, e.g. "Religion & Ethnische Herkunft · Zivilgesellschaft": up to two dimensions at least 30 % of the members engage in, most over-represented against the whole network first (else the most frequent one), then the largest sector (a second from 30 %).',
  })
  label!: string;

  @Field(() => [String], {
    description: 'The dimension keys the label names, most frequent first.',
  })
  labelDimensionKeys!: string[];

  @Field(() => [Sector], { description: 'The sectors the label names, largest first.' })
  dominantSectors!: Sector[];

  @Field(() => [GraphPartner], {
    description: 'Up to 5 members with the highest weighted degree.',
  })
  samples!: GraphPartner[];
}

/** The communities of the partners network. */
@ObjectType({ description: 'The Louvain communities of network(mode: PARTNERS).' })
export class CommunityOverview {
  @Field(() => Int, { description: 'The data version the network was computed at.' })
  dataVersion!: number;

  @Field(() => Int, { description: 'Nodes of the network (member partners).' })
  partners!: number;

  @Field(() => Int, { description: 'All communities, singletons included.' })
  communityCount!: number;

  @Field(() => Int, { description: 'Communities of one partner (mostly isolated partners).' })
  singletonCount!: number;

  @Field(() => Float, { description: 'Weighted modularity of the partition.' })
  modularity!: number;

  @Field(() => [NetworkCommunity], {
    description: 'The largest communities of at least `minSize` members, largest first.',
  })
  communities!: NetworkCommunity[];
}

/** A partner on many shortest paths. */
@ObjectType({
  description: 'A partner on many shortest paths of the network (a broker, Brückenbauer).',
})
export class Broker {
  @Field(() => GraphPartner)
  partner!: GraphPartner;

  @Field(() => Int, { description: 'Its own community.' })
  community!: number;

  @Field(() => [Int], { description: 'Other communities its neighbours belong to, ascending.' })
  touchedCommunities!: number[];

  @Field(() => Int, { description: 'Its edges to partners of other communities.' })
  externalTies!: number;
}

/** Two communities with few ties, and partner pairs that would connect them. */
@ObjectType({
  description:
    'Two communities with few ties relative to their sizes, and partner pairs that would connect them.',
})
export class BridgeOpportunity {
  @Field(() => Int)
  firstCommunity!: number;

  @Field(() => Int)
  secondCommunity!: number;

  @Field(() => Int)
  firstSize!: number;

  @Field(() => Int)
  secondSize!: number;

  @Field(() => Int, { description: 'Edges between a member of one and a member of the other.' })
  ties!: number;

  @Field(() => Float, { description: 'ties / (firstSize × secondSize).' })
  density!: number;

  @Field(() => [ProposedPartnerPair], {
    description:
      'Up to 3 pairs: `first` in the first community, `second` in the second; best score first.',
  })
  pairs!: ProposedPartnerPair[];
}
