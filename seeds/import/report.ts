import type { ImportOutcome } from './import';
import { formatImportError } from './model';
import type { Changes } from './plan';

/** Names of the files of an import, for the summary. */
export interface FileNames {
  partners?: string;
  cooperations?: string;
}

/**
 * The text the CLI prints for an outcome: every error, one per line, or a summary with the
 * counts per file (and, for a dry run, the ids that would be created or updated). Pure.
 */
export function formatOutcome(outcome: ImportOutcome, names: FileNames): string {
  if (outcome.status === 'invalid') {
    const count = outcome.errors.length;
    return [
      ...outcome.errors.map(formatImportError),
      `${count} ${count === 1 ? 'error' : 'errors'}; nothing was written.`,
    ].join('\n');
  }
  const dryRun = outcome.status === 'dry-run';
  const { plan } = outcome;
  const lines = [dryRun ? 'Dry run: nothing was written.' : 'Import written.'];
  if (names.partners !== undefined) {
    lines.push(...describe(names.partners, plan.partners, dryRun));
  }
  if (names.cooperations !== undefined) {
    lines.push(...describe(names.cooperations, plan.cooperations, dryRun));
  }
  const touched = plan.touchedPartnerIds.length;
  lines.push(
    `${dryRun ? 'would recompute' : 'recomputed'} cooperationCount and lastActiveOn of ${touched} ${touched === 1 ? 'partner' : 'partners'}`,
  );
  return lines.join('\n');
}

function describe(file: string, changes: Changes<{ id: string }>, dryRun: boolean): string[] {
  const rows = changes.create.length + changes.update.length + changes.unchanged.length;
  const counts = dryRun
    ? `would create ${changes.create.length}, update ${changes.update.length}, leave ${changes.unchanged.length} unchanged`
    : `${changes.create.length} created, ${changes.update.length} updated, ${changes.unchanged.length} unchanged`;
  const lines = [`${file}: ${rows} ${rows === 1 ? 'row' : 'rows'}: ${counts}`];
  if (dryRun) {
    if (changes.create.length > 0) lines.push(`  create: ${ids(changes.create)}`);
    if (changes.update.length > 0) lines.push(`  update: ${ids(changes.update)}`);
  }
  return lines;
}

function ids(records: readonly { id: string }[]): string {
  return records.map((r) => r.id).join(', ');
}
