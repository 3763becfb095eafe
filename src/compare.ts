import { posix } from 'node:path';
import { collect, lint, compareFindings, type LintInput, type LintResult } from './engine.js';
import { RULES, type ChangeContext, type KlipChange, type Rule } from './rules/index.js';
import { klipNumber } from './rules/helpers.js';
import type { FileChange } from './sources/git.js';
import { isIndexPath, isProposalName, isTemplatePath } from './sources/snapshot.js';
import type { Finding } from './types.js';

export interface CompareInput {
  /** The folder at the base. */
  base: LintInput;
  /** The folder after the change; it is judged with the base's template. */
  head: LintInput;
  /** What changed in the folder (git's name-status, renames found). */
  changes: FileChange[];
  rules?: readonly Rule[];
}

export interface CompareResult {
  /** What the change introduces: these are annotated and decide the verdict. */
  findings: Finding[];
  /** What was already there at the base, for the same rule and subject. */
  preExisting: Finding[];
  klips: KlipChange[];
  head: LintResult;
  base: LintResult;
  templateChanged: string | null;
  indexChanged: boolean;
}

/** Whether a change touches anything klip-lint checks: a proposal, the index or the template. */
export function touchesProposals(changes: FileChange[], folder: string): boolean {
  return changes.some((change) =>
    [change.path, change.previousPath].some((path) => path && isInFolder(path, folder)),
  );
}

function isInFolder(path: string, folder: string): boolean {
  return posix.dirname(path) === (folder || '.') && path.toLowerCase().endsWith('.md');
}

/** Lints the changed proposals at both ends and judges what the change did. */
export function compare(input: CompareInput): CompareResult {
  const folder = input.head.folder;
  const rules = input.rules ?? RULES;
  const relevant = input.changes.filter((change) =>
    [change.path, change.previousPath].some((path) => path && isInFolder(path, folder)),
  );
  const isProposal = (path: string | undefined) =>
    Boolean(path && isProposalName(posix.basename(path)));
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
  const head = lint({ ...input.head, targets: headTargets, rules });
  const base = lint({ ...input.base, targets: baseTargets, rules });

  const klips = pairRenames(
    proposalChanges.map((change): KlipChange => {
      const basePath = change.previousPath ?? change.path;
      return {
        status: change.status,
        base:
          change.status === 'added'
            ? null
            : (base.documents.find((doc) => doc.file === basePath) ?? null),
        head:
          change.status === 'deleted'
            ? null
            : (head.documents.find((doc) => doc.file === change.path) ?? null),
      };
    }),
  );

  const templateChanged =
    relevant.find((change) => isTemplatePath(change.path, folder))?.path ?? null;
  const context: ChangeContext = {
    template: head.template,
    vocabulary: head.vocabulary,
    exists: input.head.exists,
    changes: klips,
    baseIndex: base.index,
    headIndex: head.index,
    templateChanged,
  };
  const changeFindings = rules.flatMap((rule) =>
    rule.change
      ? collect(rule, head.index?.file ?? folder, () => rule.change?.(context) ?? [])
      : [],
  );

  // A head finding with the same rule and subject as a base finding was already there.
  const renamed = new Map(
    klips.flatMap((klip) => (klip.base && klip.head ? [[klip.base.file, klip.head.file]] : [])),
  );
  const seen = new Map<string, number>();
  for (const finding of base.findings) {
    const id = fingerprint(finding, renamed.get(finding.file) ?? finding.file, base.index?.file);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const findings: Finding[] = [...changeFindings];
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
    indexChanged: relevant.some((change) => isIndexPath(change.path, folder)),
  };
}

/** A finding's identity across versions: its rule, its subject and its message, numbers aside. */
function fingerprint(finding: Finding, file: string, indexFile: string | undefined): string {
  const subject =
    finding.klip === null
      ? file
      : file === indexFile
        ? `index row ${finding.klip}`
        : `klip ${finding.klip}`;
  return [finding.ruleId, subject, finding.message.replace(/\d+/g, '#')].join('\u0000');
}

/** A deleted file and an added file with the same KLIP number are one renamed proposal. */
function pairRenames(changes: KlipChange[]): KlipChange[] {
  const result = [...changes];
  for (const deleted of changes.filter((change) => change.status === 'deleted')) {
    const number = deleted.base ? klipNumber(deleted.base) : null;
    if (number === null) continue;
    const added = result.find(
      (change) => change.status === 'added' && change.head && klipNumber(change.head) === number,
    );
    if (!added) continue;
    result.splice(result.indexOf(deleted), 1);
    result[result.indexOf(added)] = { status: 'renamed', base: deleted.base, head: added.head };
  }
  return result;
}
