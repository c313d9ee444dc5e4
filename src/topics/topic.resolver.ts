import { Query, Resolver } from 'type-graphql';
import type { TopicRepository } from './topic.repository';
import { Topic } from './topic.types';

/** Queries of the fields of action. */
@Resolver(() => Topic)
export class TopicResolver {
  constructor(private readonly topicRepository: TopicRepository) {}

  @Query(() => [Topic], { description: 'All fields of action, ordered by key.' })
  topics(): Promise<Topic[]> {
    return this.topicRepository.findAll();
  }
}
