/**
 * The deterministic demo alliance: a pure generator, a batched writer and the seeding entry
 * points. See docs/demo-data.md.
 */
export { generateDemoAlliance } from './generate';
export { DEFAULT_OPTIONS, REGIMES } from './plan';
export { RESOURCE_CATEGORIES, type ResourceCategory } from './offers-needs';
export { TALK } from './parameters';
export { hasPartners, seedDemo, seedDemoIfEmpty, type SeedLogger, type SeedOptions } from './seed';
export type * from './types';
export {
  countAllianceGraph,
  type DemoCounts,
  expectedCounts,
  type ProgressListener,
  wipeAllianceData,
  type WriteProgress,
  writeDemoAlliance,
} from './write-demo';
