import type { CypherExecutor, TransactionRunner } from '../../src/db/executor';
import { BUMP_DATA_VERSION } from '../../src/db/write-unit';
import type { ReferenceData } from '../reference/load-reference-data';
import type { ImportError } from './model';
import { parseCsv } from './parse';
import { type ImportPlan, planImport } from './plan';
import { type ImportFiles, referencedPartnerIds, validateImport } from './validate';
import {
  DEFAULT_BATCH_SIZE,
  type WriteOptions,
  readCurrentState,
  readPartnerProfiles,
  writePlan,
} from './write';

/** One input file: the name used in messages and its bytes. */
export interface InputFile {
  name: string;
  content: Buffer | string;
}

/** The files of one import; at least one should be given. */
export interface ImportInput {
  partners?: InputFile;
  cooperations?: InputFile;
}

/** How to import. */
export interface ImportOptions extends WriteOptions {
  /** Validate and plan only; nothing is written. @default false */
  dryRun?: boolean;
}

/** What an import did: refused (with every error), planned (dry run) or wrote its plan. */
export type ImportOutcome =
  | { status: 'invalid'; errors: ImportError[] }
  | { status: 'dry-run' | 'written'; plan: ImportPlan };

/**
 * Imports partners.csv and cooperations.csv: parses and validates both files completely, and
 * only when there is no error at all writes everything in one transaction (all batches, then
 * the derived partner properties), so that a failure anywhere leaves the graph as it was.
 *
 * @param executor - the one Cypher executor
 * @param reference - the reference data the files' keys must belong to
 * @returns `invalid` with every error (nothing written), or the plan that was (or would be) written
 * @throws when the database fails; the transaction is rolled back then
 */
export async function runImport(
  executor: CypherExecutor,
  reference: ReferenceData,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const files: ImportFiles = {
    partners: input.partners && parseCsv(input.partners.name, input.partners.content),
    cooperations:
      input.cooperations && parseCsv(input.cooperations.name, input.cooperations.content),
  };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const profiles = await readPartnerProfiles(
    reader(executor, 'csvImportProfiles'),
    referencedPartnerIds(files),
    batchSize,
  );
  const validation = validateImport(files, reference, profiles);
  if (validation.errors.length > 0) return { status: 'invalid', errors: validation.errors };

  const plan = async (tx: TransactionRunner) => {
    const current = await readCurrentState(
      tx,
      validation.partners.map((p) => p.id),
      validation.cooperations.map((c) => c.id),
      batchSize,
    );
    return planImport(validation.partners, validation.cooperations, current);
  };
  if (options.dryRun) {
    return { status: 'dry-run', plan: await plan(reader(executor, 'csvImportDryRun')) };
  }
  const written = await executor.writeTransaction(async (tx) => {
    const planned = await plan(tx);
    await writePlan(tx, planned, options);
    await tx.run(BUMP_DATA_VERSION, () => null);
    return planned;
  }, 'csvImport');
  return { status: 'written', plan: written };
}

/** Lets read-only steps use the transaction interface outside a write transaction. */
function reader(executor: CypherExecutor, operation: string): TransactionRunner {
  return { run: (query, map) => executor.read(query, map, operation) };
}
