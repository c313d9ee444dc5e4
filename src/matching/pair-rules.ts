import { checkCrossDimensionRule } from '../cooperations/cross-dimension-rule';
import { OutcomeKind } from '../outcomes/outcome.types';
import type { PartnerProfile } from './matching.model';
import type { Bilingual, Labels } from './reasons';

/** The hard rules a suggestion must pass before any score counts (docs/matching.md). */
export type PairRuleName =
  | 'SEEKER_ACTIVE'
  | 'CANDIDATE_ACTIVE'
  | 'NO_PAST_COOPERATION'
  | 'NOT_DISMISSED'
  | 'NOT_IN_PROGRESS'
  | 'CROSS_DIMENSION';

/** One hard rule, checked for a pair, with a sentence to the seeker. */
export interface PairRuleCheck {
  rule: PairRuleName;
  passed: boolean;
  text: Bilingual;
  /** For a failed NO_PAST_COOPERATION: the pair's latest common cooperation. */
  cooperationId?: string;
}

/** What the rules need to know about a pair beyond the two profiles. */
export interface PairFacts {
  seekerStatus: string;
  candidateStatus: string;
  /** The latest cooperation both took part in; `null` when they never cooperated. */
  sharedCooperationId: string | null;
  /**
   * Whether the seeker dismissed the candidate; `null` when the caller may not know (dismissals
   * are private to the partner and coordinators), which leaves the rule out.
   */
  dismissed: boolean | null;
  /**
   * The seeker's latest outcome about the candidate (src/outcomes), `null` when none; read only
   * where `dismissed` is told (outcomes are as private as dismissals). NOT_A_FIT fails
   * NOT_DISMISSED, COOPERATION_PLANNED fails NOT_IN_PROGRESS.
   */
  outcome?: string | null;
}

/** The sentences about a partner's status, by status. */
const STATUS_WORDS: Readonly<Record<string, Bilingual>> = {
  ACTIVE: { de: 'aktiv', en: 'active' },
  APPLIED: { de: 'noch nicht aufgenommen', en: 'not admitted yet' },
  PAUSED: { de: 'ruhend', en: 'paused' },
  LEFT: { de: 'ausgetreten', en: 'left' },
};

/**
 * Every hard rule for suggesting `candidate` to `seeker`, in a fixed order, each with passed or
 * failed and a sentence to the seeker saying why. Pure: the same inputs give the same checks.
 * @param candidateName - how the sentences name the candidate
 */
export function checkPairRules(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  candidateName: string,
  facts: PairFacts,
  labels: Labels,
): PairRuleCheck[] {
  return [
    statusRule('SEEKER_ACTIVE', facts.seekerStatus, {
      de: 'Ihre Mitgliedschaft',
      en: 'Your membership',
    }),
    statusRule('CANDIDATE_ACTIVE', facts.candidateStatus, {
      de: `Die Mitgliedschaft von ${candidateName}`,
      en: `The membership of ${candidateName}`,
    }),
    pastCooperationRule(facts.sharedCooperationId, candidateName),
    ...(facts.dismissed === null
      ? []
      : [
          dismissedRule(facts.dismissed, facts.outcome ?? null, candidateName),
          inProgressRule(facts.outcome ?? null, candidateName),
        ]),
    crossDimensionRule(seeker, candidate, candidateName, labels),
  ];
}

function statusRule(rule: PairRuleName, status: string, subject: Bilingual): PairRuleCheck {
  const words = STATUS_WORDS[status] ?? { de: status, en: status };
  const passed = status === 'ACTIVE';
  return {
    rule,
    passed,
    text: passed
      ? { de: `${subject.de} ist aktiv.`, en: `${subject.en} is active.` }
      : {
          de: `${subject.de} ist ${words.de}; vorgeschlagen wird nur, wer aktiv ist.`,
          en: `${subject.en} is ${words.en}; only active partners are suggested.`,
        },
  };
}

function pastCooperationRule(cooperationId: string | null, name: string): PairRuleCheck {
  if (cooperationId === null) {
    return {
      rule: 'NO_PAST_COOPERATION',
      passed: true,
      text: {
        de: `Sie haben mit ${name} noch nicht kooperiert.`,
        en: `You have not cooperated with ${name} yet.`,
      },
    };
  }
  return {
    rule: 'NO_PAST_COOPERATION',
    passed: false,
    cooperationId,
    text: {
      de: `Sie haben mit ${name} bereits kooperiert (${cooperationId}); vorgeschlagen werden nur neue Partner.`,
      en: `You have cooperated with ${name} before (${cooperationId}); only new partners are suggested.`,
    },
  };
}

function dismissedRule(dismissed: boolean, outcome: string | null, name: string): PairRuleCheck {
  if (outcome === OutcomeKind.NOT_A_FIT) {
    return {
      rule: 'NOT_DISMISSED',
      passed: false,
      text: {
        de: `Sie haben zu ${name} „passt nicht“ festgehalten; ein neues Ergebnis (recordOutcome) nimmt das zurück.`,
        en: `You recorded that ${name} is not a fit; recording another outcome (recordOutcome) undoes it.`,
      },
    };
  }
  return {
    rule: 'NOT_DISMISSED',
    passed: !dismissed,
    text: dismissed
      ? {
          de: `Sie haben ${name} aus Ihren Vorschlägen entfernt; restoreSuggestion nimmt das zurück.`,
          en: `You dismissed ${name} from your suggestions; restoreSuggestion undoes it.`,
        }
      : { de: `Sie haben ${name} nicht abgelehnt.`, en: `You have not dismissed ${name}.` },
  };
}

function inProgressRule(outcome: string | null, name: string): PairRuleCheck {
  const planned = outcome === OutcomeKind.COOPERATION_PLANNED;
  return {
    rule: 'NOT_IN_PROGRESS',
    passed: !planned,
    text: planned
      ? {
          de: `Sie planen bereits eine Kooperation mit ${name}; solange wird ${name} nicht erneut vorgeschlagen.`,
          en: `You are already planning a cooperation with ${name}; meanwhile ${name} is not suggested again.`,
        }
      : {
          de: `Sie planen noch keine Kooperation mit ${name}.`,
          en: `You are not planning a cooperation with ${name} yet.`,
        },
  };
}

/**
 * The cross-dimension rule of a Vielfaltskooperation, with the part that fails. A seeker without
 * dimensions passes when the candidate alone covers two (see isEligible in scoring.ts).
 */
function crossDimensionRule(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  name: string,
  labels: Labels,
): PairRuleCheck {
  const fail = (text: Bilingual): PairRuleCheck => ({
    rule: 'CROSS_DIMENSION',
    passed: false,
    text,
  });
  const listOf = (keys: readonly string[], language: keyof Bilingual) =>
    keys.map((key) => `„${labels('dimension', key)[language]}“`).join(', ') ||
    (language === 'de' ? 'keine' : 'none');
  const candidateDimensions = [...new Set(candidate.engagements.map((e) => e.dimension))].sort();
  if (seeker.engagements.length === 0) {
    if (candidateDimensions.length >= 2) return passedCrossDimension(candidateDimensions.length);
    return fail({
      de: `Sie haben noch keine Vielfaltsdimension angegeben; dann muss ${name} allein zwei abdecken, deckt aber nur ${listOf(candidateDimensions, 'de')} ab.`,
      en: `You have not named a diversity dimension yet; then ${name} alone must cover two, but covers only ${listOf(candidateDimensions, 'en')}.`,
    });
  }
  const violation = checkCrossDimensionRule([seeker.engagements, candidate.engagements]);
  if (violation === null) {
    const covered = new Set(
      [...seeker.engagements, ...candidate.engagements].map((e) => e.dimension),
    );
    return passedCrossDimension(covered.size);
  }
  if (violation.rule === 'TOO_FEW_DIMENSIONS') {
    return fail({
      de: `Gemeinsam decken Sie nur ${listOf(violation.covered, 'de')} ab; eine Vielfaltskooperation braucht mindestens zwei Dimensionen.`,
      en: `Together you cover only ${listOf(violation.covered, 'en')}; a diversity cooperation needs at least two dimensions.`,
    });
  }
  return fail(
    violation.rule === 'NOTHING_TO_BRING' && violation.partnerIndex === 0
      ? {
          de: `Sie bringen keine Dimension oder Perspektive ein, die ${name} fehlt; in einer Vielfaltskooperation bringt jede Seite etwas ein.`,
          en: `You bring no dimension or perspective ${name} lacks; in a diversity cooperation each side brings something.`,
        }
      : {
          de: `${name} bringt keine Dimension oder Perspektive ein, die Ihnen fehlt; in einer Vielfaltskooperation bringt jede Seite etwas ein.`,
          en: `${name} brings no dimension or perspective you lack; in a diversity cooperation each side brings something.`,
        },
  );
}

function passedCrossDimension(dimensions: number): PairRuleCheck {
  return {
    rule: 'CROSS_DIMENSION',
    passed: true,
    text: {
      de: `Gemeinsam decken Sie ${dimensions} Vielfaltsdimensionen ab, und jede Seite bringt etwas ein.`,
      en: `Together you cover ${dimensions} diversity dimensions, and each side brings something.`,
    },
  };
}
