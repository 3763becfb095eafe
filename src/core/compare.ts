import {
  activeRules,
  collect,
  compareFindings,
  finish,
  INTERNAL_ERROR,
  lint,
  lintRaw,
  optionsOf,
  severityOf,
  SUPPRESSION_UNUSED,
  type LintInput,
  type LintResult,
} from './engine.js';
import { RULES, type ChangeContext, type KlipChange, type Rule } from '../rules/index.js';
import { fileNameNumber } from '../rules/helpers.js';
import type { FileChange } from '../model/file-change.js';
import { couldRead, type PullRequestFacts } from '../model/pull-request-facts.js';
import { DEFAULT_PLACEHOLDERS } from './placeholders.js';
import { isProposalPath, samePath, type Layout } from '../model/layout.js';
import type { Finding, KlipDocument } from '../model/types.js';

export interface CompareInput {
  /** The folder at the base. */
  base: LintInput;
  /** The folder after the change; it is judged with the base's template. */
  head: LintInput;
  /** What changed in the folder (git's name-status, renames found). */
  changes: FileChange[];
  layout: Layout;
  /** The pull request as the GitHub API describes it, for the process checks. */
  pullRequest?: PullRequestFacts | null;
  approvals?: Record<string, number>;
  rules?: readonly Rule[];
  /** The proposals folder, when the change replaced it with a link or a submodule. */
  folderReplaced?: { folder: string; kind: 'symlink' | 'submodule' } | null;
}

export interface CompareResult {
  /** What the change introduces: these are annotated and decide the verdict. */
  findings: Finding[];
  /** What was already there at the base, for the same rule and subject. */
  preExisting: Finding[];
  klips: KlipChange[];
  head: LintResult;
  /** The base's documents and index; its findings are those of the rules that found something at the head. */
  base: LintResult;
  templateChanged: string | null;
  indexChanged: boolean;
}

/** Whether a change touches anything klip-lint checks: a proposal, the index or the template. */
export function touchesProposals(changes: FileChange[], layout: Layout): boolean {
  return changes.some((change) => isRelevant(change, layout));
}

function isRelevant(change: FileChange, layout: Layout): boolean {
  return [change.path, change.previousPath].some(
    (path) =>
      path &&
      (isProposalPath(path, layout) ||
        samePath(path, layout.template) ||
        samePath(path, layout.index)),
  );
}

/** Lints the changed proposals at both ends and judges what the change did. */
export function compare(input: CompareInput): CompareResult {
  const { layout } = input;
  const folder = layout.folder;
  const rules = input.rules ?? RULES;
  const relevant = input.changes.filter((change) => isRelevant(change, layout));
  const isProposal = (path: string | undefined) => Boolean(path && isProposalPath(path, layout));
  const proposalChanges = relevant.filter(
    (change) => isProposal(change.path) || isProposal(change.previousPath),
  );

  const headTargets = new Set(
    proposalChanges
      .filter((change) => change.status !== 'deleted' && isProposal(change.path))
      .map((change) => change.path),
  );
  const baseTargets = new Set(
    proposalChanges.flatMap((change) =>
      change.status === 'added'
        ? []
        : [change.previousPath ?? change.path].filter((path) => isProposal(path)),
    ),
  );
  const raw = lintRaw({ ...input.head, targets: headTargets, rules });
  // The base's rules run last, and only those the head's findings need (see baseRules).
  const changedAtBase = input.base.proposals.filter((source) => baseTargets.has(source.path));
  const parsed = lintRaw({
    ...input.base,
    proposals: changedAtBase,
    targets: baseTargets,
    rules: [],
  });
  const settings = input.head.settings;

  // A path deleted and added in one change changed type: a file became a link, say.
  const added = new Set(relevant.filter((c) => c.status === 'added').map((c) => c.path));
  const replaced = new Set(
    relevant.filter((c) => c.status === 'deleted' && added.has(c.path)).map((c) => c.path),
  );
  const klips = pairRenames(
    proposalChanges.map((change): KlipChange => {
      const basePath = change.previousPath ?? change.path;
      // A rename across the edge of what is a proposal (another folder, a sub-folder, another
      // extension) is a deletion or an addition of a proposal: the change is judged as such.
      const status =
        change.status !== 'renamed'
          ? change.status
          : !isProposal(change.path)
            ? 'deleted'
            : !isProposal(basePath)
              ? 'added'
              : 'renamed';
      return {
        status,
        base:
          status === 'added'
            ? null
            : (parsed.documents.find((doc) => doc.file === basePath) ?? null),
        head:
          status === 'deleted'
            ? null
            : (raw.documents.find((doc) => doc.file === change.path) ?? null),
        ...(status === 'deleted' && change.status === 'renamed' ? { movedTo: change.path } : {}),
        ...(status === 'deleted' && replaced.has(change.path) ? { replaced: true } : {}),
      };
    }),
    headNumbers(input.head.proposals, raw.documents),
  );

  const templateChanged =
    relevant
      // Renamed away, the template is gone from where the process looks for it.
      .flatMap((change) => [change.path, change.previousPath ?? ''])
      .find((path) => samePath(path, layout.template)) ?? null;
  const active = activeRules(rules, settings);
  const pullRequest = input.pullRequest ?? null;
  const changeFindings = active.flatMap((rule) => {
    const check = rule.change;
    if (!check || defers(rule, active, pullRequest)) return [];
    const context: ChangeContext = {
      template: raw.template,
      vocabulary: raw.vocabulary,
      exists: input.head.exists,
      placeholders: settings?.placeholders ?? DEFAULT_PLACEHOLDERS,
      options: optionsOf(rule, settings),
      changes: klips,
      baseIndex: parsed.index,
      headIndex: raw.index,
      templateChanged,
      folderReplaced: input.folderReplaced ?? null,
      pullRequest,
      approvals: input.approvals ?? {},
    };
    return collect(
      rule,
      raw.index?.file ?? folder,
      () => check(context),
      () => null,
      severityOf(rule, settings),
    );
  });
  // Suppressions, ignores and the baseline apply to the change rules' findings as to the others.
  const head: LintResult = {
    ...raw,
    findings: finish([...raw.findings, ...changeFindings], raw, settings, rules),
  };

  const needed = baseRules(head.findings, rules);
  const base: LintResult =
    needed.length === 0
      ? parsed
      : lint({
          ...input.base,
          // Rules of single proposals need only the changed ones.
          proposals: needed.some((rule) => rule.project) ? input.base.proposals : changedAtBase,
          targets: baseTargets,
          rules: needed,
          parsed: new Map(parsed.documents.map((document) => [document.file, document])),
        });

  // A head finding with the same rule and subject as a base finding was already there.
  const renamed = new Map(
    klips.flatMap((klip) => (klip.base && klip.head ? [[klip.base.file, klip.head.file]] : [])),
  );
  const seen = new Map<string, number>();
  for (const finding of base.findings) {
    const id = fingerprint(finding, renamed.get(finding.file) ?? finding.file, base.index?.file);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const findings: Finding[] = [];
  const preExisting: Finding[] = [];
  for (const finding of head.findings) {
    const id = fingerprint(finding, finding.file, head.index?.file);
    const count = seen.get(id) ?? 0;
    if (count > 0) {
      seen.set(id, count - 1);
      preExisting.push(finding);
    } else {
      findings.push(finding);
    }
  }
  findings.sort(compareFindings);

  return {
    findings,
    preExisting,
    klips,
    head,
    base,
    templateChanged,
    indexChanged: relevant.some((change) => samePath(change.path, layout.index)),
  };
}

/**
 * The rules whose base findings can make a head finding pre-existing: those that found something
 * at the head. Whether a suppression is unused, or which rule failed, depends on every rule.
 * In a large folder the base's cross-file rules are most of a pull request's cost.
 */
function baseRules(findings: Finding[], rules: readonly Rule[]): readonly Rule[] {
  const ids = new Set(findings.map((finding) => finding.ruleId));
  if (ids.has(SUPPRESSION_UNUSED) || ids.has(INTERNAL_ERROR)) return rules;
  return rules.filter((rule) => ids.has(rule.meta.id));
}

/**
 * Whether a rule steps aside for a rule it defers to (its meta's `deferTo`): one that is on, whose
 * needs are met, and whose GitHub facts could be read. A change is always judged against a base,
 * so `base` is met here; `github` is met when the pull request's facts are at hand.
 */
export function defers(
  rule: Rule,
  active: readonly Rule[],
  pullRequest: PullRequestFacts | null,
): boolean {
  return (rule.meta.deferTo ?? []).some((id) => {
    const other = active.find((candidate) => candidate.meta.id === id);
    if (!other) return false;
    return !other.meta.needs?.includes('github') || couldRead(pullRequest, id);
  });
}

/**
 * A finding's identity across versions: its rule, its subject, its kind of problem (message id)
 * and its data, never its text. Runs of digits in the data are masked: they are line numbers and
 * counts ("first on line 12", "3 of 9 sections", the next free number) that move when lines are
 * added above or a number is taken, while the problem stays the same one. Numbers that name the
 * subject (a KLIP number) are in the subject itself, unmasked.
 */
export function fingerprint(
  finding: Pick<Finding, 'ruleId' | 'klip' | 'messageId' | 'data'>,
  file: string,
  indexFile: string | undefined,
): string {
  const subject =
    finding.klip === null
      ? file
      : file === indexFile
        ? `index row ${finding.klip}`
        : `klip ${finding.klip}`;
  const data = Object.keys(finding.data ?? {})
    .sort()
    .map((key) => `${key}=${String(finding.data?.[key]).replace(/\d+/g, '#')}`);
  return [finding.ruleId, subject, finding.messageId, ...data].join('\u0000');
}

/**
 * A deleted file and an added file with the same KLIP number are one renamed proposal. A deleted
 * file whose number another proposal at the head still holds is marked so.
 */
function pairRenames(changes: KlipChange[], atHead: ReadonlyMap<number, string[]>): KlipChange[] {
  const result = [...changes];
  for (const deleted of changes.filter((change) => change.status === 'deleted')) {
    const number = deleted.base ? deleted.base.number : null;
    if (number === null) continue;
    const added = result.find(
      (change) => change.status === 'added' && change.head && change.head.number === number,
    );
    if (added) {
      result.splice(result.indexOf(deleted), 1);
      result[result.indexOf(added)] = { status: 'renamed', base: deleted.base, head: added.head };
      continue;
    }
    const keeper = atHead.get(number)?.find((path) => path !== deleted.base?.file);
    if (keeper) result[result.indexOf(deleted)] = { ...deleted, numberKeptBy: keeper };
  }
  return result;
}

/** The proposals at the head by number: from the file name, else the title for those parsed. */
function headNumbers(
  proposals: readonly { path: string }[],
  documents: readonly KlipDocument[],
): Map<number, string[]> {
  const parsed = new Map(documents.map((document) => [document.file, document.number]));
  const numbers = new Map<number, string[]>();
  for (const { path } of proposals) {
    const number = fileNameNumber(path.slice(path.lastIndexOf('/') + 1)) ?? parsed.get(path);
    if (number === null || number === undefined) continue;
    const paths = numbers.get(number);
    if (paths) paths.push(path);
    else numbers.set(number, [path]);
  }
  return numbers;
}
