import type { Slice } from '../slice';
import type { TopicRepository } from './topic.repository';
import { TopicResolver } from './topic.resolver';

/**
 * The topics slice. Topics are a plain reference list without logic, so the repository serves
 * as the service.
 */
export function topicsSlice(topics: TopicRepository): Slice {
  return { name: 'topics', resolvers: [new TopicResolver(topics)] };
}
