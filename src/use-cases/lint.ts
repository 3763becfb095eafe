import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { compare, touchesProposals, type CompareResult } from '../core/compare.js';
import { countApprovals } from '../rules/github/approvals.js';
import { documentStatus, fileNameNumber } from '../rules/helpers.js';
import { baseName } from '../parse/document.js';
import { parseIndex } from '../parse/index-readme.js';
import { couldRead, type PullRequestFacts } from '../model/pull-request-facts.js';
import { fileFinding, finish, lint, noteMessage } from '../core/engine.js';
import { ENGINE_NOTES, FILE_UNREADABLE } from '../rules/engine-notes.js';
import { applyFixes } from '../core/apply-fixes.js';
import { parseInParallel } from '../sources/parallel.js';
import {
  buildChangeReport,
  buildReport,
  emptyChangeReport,
  type PreExisting,
  type Report,
} from '../report/report.js';
import { MAX_FILE_BYTES, tooLarge, type FileNote } from '../sources/decode.js';
import { touchedPaths, type FileChange } from '../sources/git.js';
import { below, isPlainFile, linkOnPath, writeFileSafely } from '../sources/safe-write.js';
import type { Config } from '../config/config.js';
import {
  GitSnapshot,
  layoutOf,
  readChange,
  readInput,
  WorkTreeSnapshot,
  proposalMatcher,
  samePath,
  type Layout,
  type Snapshot,
} from '../sources/snapshot.js';
import type { Finding, Fix } from '../model/types.js';
import { VERSION } from '../model/version.js';
import { UsageError } from '../model/usage-error.js';

export { UsageError } from '../model/usage-error.js';

/** A repository-relative folder, refusing paths that leave the repository. */
export function normalizeFolder(path: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/')).replace(/\/$/, '');
  const folder = normalized === '.' ? '' : normalized;
  if (isAbsolute(path) || folder === '..' || folder.startsWith('../')) {
    throw new UsageError(`The path "${path}" is outside the repository; give a folder inside it.`);
  }
  return folder;
}

/** The same, for a folder that must exist in the work tree. */
export function checkFolder(root: string, path: string): string {
  const folder = normalizeFolder(path);
  const absolute = join(root, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError(`There is no proposals folder at "${folder || '.'}".`);
  }
  return folder;
}

/** Refuses to write in a folder that is a symbolic link or under one: it may lead out of the repository. */
export function refuseLinkedFolder(root: string, folder: string, command: string): void {
  const link = folder ? linkOnPath(root, folder) : null;
  if (link !== null) {
    throw new UsageError(
      `${command} does not write in "${folder}": ${link === folder ? 'it is' : `"${link}" is`} a symbolic link, which klip-lint does not write through.`,
    );
  }
}

/**
 * Reads a proposals folder from the work tree and lints all of it (or the targets). With
 * `workerEntry` (the running bundle), a large folder is parsed on every core.
 */
export async function lintFolder(
  root: string,
  config: Config,
  targets?: ReadonlySet<string>,
  workerEntry?: URL,
): Promise<Report> {
  const layout = layoutOf(config);
  const snapshot = new WorkTreeSnapshot(root);
  // A large folder is read and parsed by workers; this thread then reads only the index and template.
  // A folder that is a link or a submodule is not entered (readInput reports it).
  const entered = !layout.folder || (await snapshot.folderKind(layout.folder)) === 'folder';
  const isProposal = proposalMatcher(layout);
  const proposals = (entered ? await snapshot.list(layout.folder) : []).filter(
    (entry) =>
      entry.kind === 'file' && isProposal(entry.path) && (entry.size ?? 0) <= MAX_FILE_BYTES,
  );
  const template = await snapshot.readText(layout.template);
  const parallel =
    workerEntry && !targets
      ? await parseInParallel(
          workerEntry,
          root,
          proposals.map((entry) => ({ path: entry.path, size: entry.size ?? 0 })),
          template === null ? null : { path: layout.template, text: template },
        )
      : null;
  const { input, notes } = await readInput(snapshot, layout, {
    targets,
    ...(parallel ? { needed: () => false } : {}),
  });
  if (parallel) notes.push(...parallel.notes);
  const parsed = parallel
    ? new Map(parallel.documents.map((document) => [document.file, document]))
    : null;
  const result = lint({
    ...input,
    // Files the workers could not read (binary ones) are not proposals, as in this thread.
    proposals: parsed
      ? input.proposals.filter((source) => parsed.has(source.path))
      : input.proposals,
    vocabulary: config.vocabulary,
    settings: config,
    parsed: parsed ?? undefined,
    targetRowsOnly: true,
  });
  const extra = notes.filter((note) => !targets || targets.has(note.file));
  const extraFindings = noteFindings(extra, config);
  return buildReport(result, { folder: layout.folder, version: VERSION, extra: extraFindings });
}

export interface Applied {
  file: string;
  line: number;
  ruleId: string;
  description: string;
}

/**
 * Rewrites what is mechanical, in place, pass after pass until nothing more can be fixed, so that
 * a second run changes nothing. Files that are not valid UTF-8 are left alone.
 */
export async function fixFolder(
  root: string,
  config: Config,
  targets?: ReadonlySet<string>,
  /** Whether the targets' own index rows only are fixed (false: the whole index, as for `new`). */
  targetRowsOnly = true,
): Promise<Applied[]> {
  const layout = layoutOf(config);
  refuseLinkedFolder(root, layout.folder, '--fix');
  const applied: Applied[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const { input } = await readInput(new WorkTreeSnapshot(root), layout, { targets });
    const { findings } = lint({
      ...input,
      vocabulary: config.vocabulary,
      settings: config,
      targetRowsOnly,
    });
    const fixable = findings.filter((finding) => finding.fix);
    // Each file gets the edits of every fix that touches it, in finding order.
    const byFile = new Map<string, { finding: Finding; edits: Fix['edits'] }[]>();
    for (const finding of fixable) {
      for (const edit of finding.fix?.edits ?? []) {
        const file = edit.file ?? finding.file;
        const list = byFile.get(file) ?? [];
        const entry = list.find((item) => item.finding === finding);
        if (entry) entry.edits.push(edit);
        else list.push({ finding, edits: [edit] });
        byFile.set(file, list);
      }
    }
    const skipped = new Set<Finding>();
    const writes: [string, string][] = [];
    for (const [file, entries] of byFile) {
      const absolute = join(root, file);
      // Nothing is read or written through a link, or outside the repository.
      if (below(root, absolute) === null || !isPlainFile(root, below(root, absolute) as string)) {
        throw new UsageError(
          `--fix does not write ${file}: it is outside the repository, a symbolic link, or in a folder that is one.`,
        );
      }
      const bytes = readFileSync(absolute);
      const text = bytes.toString('utf8');
      // Not valid UTF-8: writing it back would change bytes no fix meant to touch.
      if (!Buffer.from(text, 'utf8').equals(bytes)) {
        entries.forEach((entry) => skipped.add(entry.finding));
        continue;
      }
      const result = applyFixes(
        text,
        entries.map((entry) => entry.edits),
      );
      result.taken.forEach((taken, i) => {
        if (!taken) skipped.add((entries[i] as { finding: Finding }).finding);
      });
      writes.push([absolute, result.text]);
    }
    const done = fixable.filter((finding) => !skipped.has(finding));
    if (done.length === 0) break;
    // Each file whole or not at all: a new file beside it, renamed into place.
    for (const [absolute, text] of writes)
      writeFileSafely([root], absolute, text, { what: 'the fixed file' });
    applied.push(
      ...done.map((finding) => ({
        file: finding.file,
        line: finding.line,
        ruleId: finding.ruleId,
        description: finding.fix?.description ?? '',
      })),
    );
  }
  return applied;
}

export interface Side {
  /** A commit id, or "work tree". */
  id: string;
  snapshot: Snapshot;
}

export interface ChangeOptions {
  /** Read at the base: a change cannot weaken the checks that judge it. */
  config: Config;
  base: Side;
  head: Side;
  changes: FileChange[];
  notes: string[];
  preExisting: PreExisting;
  pullRequest?: PullRequestFacts | null;
}

/**
 * Judges a change: the base's template and index are trusted, the head's changed proposals are
 * linted fully and the rest of the folder only for numbers and statuses.
 */
export async function lintChange(options: ChangeOptions): Promise<Report> {
  const { config, changes } = options;
  const layout = layoutOf(config);
  const notes = [...options.notes];
  if (config.source && changes.some((change) => change.path === config.source)) {
    notes.push(
      `This change edits ${config.source}; this run uses the base's configuration, and the new one applies after merge.`,
    );
  }
  const common = {
    folder: layout.folder,
    version: VERSION,
    base: options.base.id,
    head: options.head.id,
    notes,
    preExisting: options.preExisting,
  };
  if (!touchesProposals(changes, layout)) {
    return emptyChangeReport({ ...common, template: layout.template });
  }
  const settings = { vocabulary: config.vocabulary, settings: config };
  const needed = await neededProposals(options, layout);
  const baseRead = await readInput(options.base.snapshot, layout, { needed });
  const headOptions = { template: baseRead.input.template, needed };
  // Between two commits, git's diff lists every path the change touched: the rest is the base's.
  const bothCommits =
    options.base.snapshot instanceof GitSnapshot && options.head.snapshot instanceof GitSnapshot;
  const reread = bothCommits
    ? await readChange(baseRead, options.head.snapshot, layout, touchedPaths(changes), headOptions)
    : null;
  const headRead = reread ?? (await readInput(options.head.snapshot, layout, headOptions));
  // An index left as it was, and not read at the base, was not read at the head either.
  const headNotes = reread
    ? [...reread.notes, ...baseRead.notes.filter((note) => samePath(note.file, layout.index))]
    : headRead.notes;
  const result = compare({
    base: { ...baseRead.input, ...settings },
    head: { ...headRead.input, ...settings },
    changes,
    layout,
    pullRequest: options.pullRequest,
    approvals: config.approvals,
    folderReplaced: await folderReplaced(
      options.base.snapshot,
      options.head.snapshot,
      layout.folder,
    ),
  });
  if (couldRead(options.pullRequest ?? null, 'approvals-required')) {
    notes.push(...approvalNotes(result, options.pullRequest as PullRequestFacts, config));
  }
  const changed = new Set(changes.map((change) => change.path));
  // The index is read for every change: when it could not be, every change is told.
  const extra = noteFindings(
    headNotes.filter((note) => changed.has(note.file) || samePath(note.file, layout.index)),
    config,
  ).map((finding) =>
    // A changed proposal that cannot be read cannot be judged: that must not pass the gate.
    finding.ruleId === FILE_UNREADABLE && !samePath(finding.file, layout.index)
      ? {
          ...finding,
          severity: 'error' as const,
          ...noteMessage(FILE_UNREADABLE, {
            messageId: 'changeUnjudged',
            data: { note: finding.message },
          }),
        }
      : finding,
  );
  return buildChangeReport(result, { ...common, extra });
}

/** The proposals folder, or a folder above it, when the change made it a link or a submodule. */
async function folderReplaced(base: Snapshot, head: Snapshot, folder: string) {
  const parts = folder ? folder.split('/') : [];
  for (let end = 1; end <= parts.length; end++) {
    const path = parts.slice(0, end).join('/');
    if ((await base.folderKind(path)) !== 'folder') return null;
    const kind = await head.folderKind(path);
    if (kind === 'symlink' || kind === 'submodule') return { folder: path, kind };
    if (kind !== 'folder') return null;
  }
  return null;
}

/**
 * The proposals a change's findings can depend on: the changed ones, those whose index row the
 * change edits, and those whose number is not in their file name. The rest of the folder is known
 * by file name only, so that judging one changed KLIP costs the same in a folder of 50 or 5,000.
 */
async function neededProposals(
  options: ChangeOptions,
  layout: Layout,
): Promise<(path: string) => boolean> {
  const changed = new Set(touchedPaths(options.changes));
  // An index the change leaves alone has no edited rows: it need not be read twice here.
  const indexEdited = options.changes.some((change) =>
    [change.path, change.previousPath].some((path) => path && samePath(path, layout.index)),
  );
  const rows = async (snapshot: Snapshot) => {
    const text = await snapshot.readText(layout.index);
    // An index over the size limit is not parsed (the read says so).
    const index = text === null || tooLarge(text) ? null : parseIndex({ path: layout.index, text });
    return new Map(
      (index?.rows ?? []).map((row) => [row.number, `${row.text}|${row.href}|${row.status}`]),
    );
  };
  const [before, after] = indexEdited
    ? await Promise.all([rows(options.base.snapshot), rows(options.head.snapshot)])
    : [new Map(), new Map()];
  const edited = new Set(
    [...before.keys(), ...after.keys()].filter(
      (number) => before.get(number) !== after.get(number),
    ),
  );
  return (path) => {
    const number = fileNameNumber(baseName(path));
    return changed.has(path) || number === null || edited.has(number);
  };
}

/** Who approved, for each proposal whose new status needs approvals: the summary lists them. */
function approvalNotes(result: CompareResult, facts: PullRequestFacts, config: Config): string[] {
  const { template, vocabulary } = result.head;
  const countStale = config.rules['approvals-required']?.options?.countStale === true;
  return result.klips.flatMap((klip) => {
    if (!klip.head) return [];
    const status = documentStatus(klip.head, template, vocabulary);
    if (!status || status.match.kind === 'unknown') return [];
    const before = klip.base ? documentStatus(klip.base, template, vocabulary) : null;
    if (before?.match.kind !== 'unknown' && before?.match.status === status.match.status) return [];
    const required = config.approvals[status.match.status.name] ?? 0;
    if (required === 0) return [];
    const files = [klip.head.file, ...(klip.base ? [klip.base.file] : [])];
    const { counted } = countApprovals(facts, files, countStale);
    return [
      `KLIP ${klip.head.number ?? '?'} at ${status.match.status.name}: approved by ${names(counted) || 'nobody yet'} (${counted.length} of ${required} needed from people with write access).`,
    ];
  });
}

/** Ten names at most: a thousand proposals approved by sixty writers must fit in a summary. */
function names(list: string[]): string {
  const shown = list.slice(0, 10).join(', ');
  return list.length > 10 ? `${shown} and ${list.length - 10} more` : shown;
}

/** File notes as findings, with the configured severity (or none) and the ignores applied. */
function noteFindings(notes: FileNote[], config: Config): Finding[] {
  const findings = notes.flatMap((note): Finding[] => {
    const severity =
      config.rules[note.ruleId]?.severity ??
      ENGINE_NOTES.find((meta) => meta.id === note.ruleId)?.severity ??
      'warning';
    if (severity === 'off') return [];
    return [
      fileFinding(
        note.ruleId,
        severity,
        note.file,
        { messageId: note.messageId, ...(note.data ? { data: note.data } : {}) },
        fileNameNumber(baseName(note.file)),
      ),
    ];
  });
  return finish(findings, { documents: [], index: null }, config);
}
