import { type ReadModel, valueType } from '../reads/read-model';

/** How the read compiler reads topics. */
export const topicReadModel: ReadModel = { Topic: valueType(['key', 'nameDe', 'nameEn']) };
