/**
 * The deterministic demo alliance: a pure generator, a batched writer and the seeding entry
 * points. See docs/demo-data.md.
 */
export { generateDemoAlliance } from './generate';
export { DEFAULT_OPTIONS } from './plan';
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
