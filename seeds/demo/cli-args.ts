import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, PARTNER_LIMITS, REGIMES, resolveOptions } from './plan';
import type { DemoOptions, DemoRegime } from './types';

/** What `npm run seed` was asked to do. */
export interface SeedCliArgs {
  options: Required<DemoOptions>;
  /** Delete the alliance data first even when there are no partners (e.g. stray events). */
  wipe: boolean;
  help: boolean;
}

/** The usage text of `npm run seed`. */
export const SEED_USAGE = `Usage: npm run seed -- [--partners N] [--seed S] [--as-of YYYY-MM-DD] [--regime R] [--wipe]

Generates the deterministic demo alliance and writes it into Neo4j (embedded unless NEO4J_URI
is set). Existing partners, cooperations and events are replaced.

  --partners N        member partners, ${PARTNER_LIMITS.min}-${PARTNER_LIMITS.max} (default ${DEFAULT_OPTIONS.partners}, the talk's figure)
  --seed S            random seed, an integer (default ${DEFAULT_OPTIONS.seed})
  --as-of YYYY-MM-DD  the day the alliance is generated as of (default ${DEFAULT_OPTIONS.asOf})
  --regime R          how co-partners choose each other: ${REGIMES.join(', ')}
                      (default ${DEFAULT_OPTIONS.regime})
  --wipe              delete partners, cooperations and events first, even if there are no partners
  --help              show this text
`;

/** Thrown for command-line arguments that cannot be used; the message says what was expected. */
export class SeedUsageError extends Error {
  override readonly name = 'SeedUsageError';
}

function regime(text: string | undefined): DemoRegime {
  if (text === undefined) return DEFAULT_OPTIONS.regime;
  const found = REGIMES.find((r) => r === text);
  if (found === undefined)
    throw new SeedUsageError(`expected --regime to be one of ${REGIMES.join(', ')}, got "${text}"`);
  return found;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text))
    throw new SeedUsageError(`expected --${name} to be an integer, got "${text}"`);
  return Number(text);
}

/**
 * Parses the arguments of `npm run seed`.
 *
 * @param argv - the arguments after the script name
 * @throws {SeedUsageError} for unknown options, missing values, or values out of range
 */
export function parseSeedArgs(argv: readonly string[]): SeedCliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        partners: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        regime: { type: 'string' },
        wipe: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SeedUsageError((error as Error).message);
  }
  try {
    const options = resolveOptions({
      partners: integer('partners', values.partners, DEFAULT_OPTIONS.partners),
      seed: integer('seed', values.seed, DEFAULT_OPTIONS.seed),
      asOf: values['as-of'] ?? DEFAULT_OPTIONS.asOf,
      regime: regime(values.regime),
    });
    return { options, wipe: values.wipe, help: values.help };
  } catch (error) {
    if (error instanceof SeedUsageError) throw error;
    // resolveOptions names the option as in code ("asOf"); the user typed a flag ("--as-of").
    const message = (error as Error).message.replace(
      /^expected (partners|seed|asOf)\b/,
      (_, name: string) => `expected --${name === 'asOf' ? 'as-of' : name}`,
    );
    throw new SeedUsageError(message);
  }
}
