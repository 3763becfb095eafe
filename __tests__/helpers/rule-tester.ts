// A RuleTester in the manner of ESLint's: each case names files, runs the real engine in-process
// with only the rule under test active, and states what a user sees: the rule's findings (file,
// line, message, severity) and, for a fixable rule, the text after --fix. Proposal and folder rules
// go through `lint()`; change and GitHub rules through `compare()`, as a pull request is judged.
//
// Only the rule under test runs (as in ESLint), so that a case states that rule's behaviour alone:
// another rule's findings or fixes cannot leak into it, and a change to another rule cannot break
// it. A case that depends on another rule being on (new-klip-status defers to approvals-required)
// says so with `alsoRun`; those rules' findings are not asserted.

import { applyFixes } from '../../src/core/apply-fixes.js';
import { compare } from '../../src/core/compare.js';
import { lint, type LintInput, type Settings } from '../../src/core/engine.js';
import { resolveSectionSettings, type SectionSettings } from '../../src/core/section-names.js';
import { DEFAULT_CONFIG, type RuleSetting } from '../../src/config/config.js';
import type { PullRequestFacts } from '../../src/model/pull-request-facts.js';
import type { Vocabulary } from '../../src/model/status.js';
import type { Finding, Fix, Severity, SourceFile } from '../../src/model/types.js';
import { RULES, type Rule } from '../../src/rules/index.js';
import type { FileChange } from '../../src/model/file-change.js';
import { isProposalPath, type Layout } from '../../src/model/layout.js';
import { TEMPLATE } from './rule-fixtures.js';

export const FOLDER = 'design-proposals';
/** The name a case's `code` is saved under, and the file an expected finding is in by default. */
export const FILE = 'klip-1-example.md';
export const INDEX = 'README.md';
export const TEMPLATE_NAME = 'klip-template.md';

const LAYOUT: Layout = {
  folder: FOLDER,
  template: `${FOLDER}/${TEMPLATE_NAME}`,
  index: `${FOLDER}/${INDEX}`,
};

/** A finding as a user sees it. */
export interface Expected {
  /** Relative to the proposals folder (`README.md` for the index); a leading `/` for the repository root. Default: the case's `filename`. */
  file?: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: Severity;
}

interface CaseBase {
  /** The test's name: what the case shows. */
  name: string;
  /** The rule's options, as the configuration's `rules.<id>.options` gives them. */
  options?: Record<string, unknown>;
  /** The rule's configured severity, as `rules.<id>.severity` gives it. */
  severity?: RuleSetting;
  /** The configuration's `sections` (merged over the defaults, as the configuration is). */
  sections?: Partial<SectionSettings>;
  /** The configuration's `placeholders`, replacing the default list. */
  placeholders?: string[];
  vocabulary?: Vocabulary;
  /** Other rules to run beside the rule under test (their findings are not asserted). */
  alsoRun?: string[];
}

/** A folder of proposals, linted whole. Names are relative to the proposals folder. */
export interface LintCase extends CaseBase {
  /** The proposal under test, saved as `filename`. */
  code?: string;
  filename?: string;
  /** Other files of the folder by name: proposals, `README.md` (the index), `klip-template.md`. */
  files?: Record<string, string>;
  /** No template file (the built-in one applies); by default the folder has `TEMPLATE`. */
  noTemplate?: boolean;
  /** Other repository paths that exist (for links), relative to the repository root. */
  exists?: string[];
}

export interface InvalidLintCase extends LintCase {
  errors: Expected[];
  /**
   * For a fixable rule (required): the text after --fix. A string is `filename`'s text (no other
   * file changes); a record gives each changed file's text; null: no fix is offered.
   */
  output?: string | Record<string, string> | null;
}

/** A change from a base to a head folder, judged by `compare()`. */
export interface ChangeCase extends CaseBase {
  base: Record<string, string>;
  head: Record<string, string>;
  /** What git's diff lists, by name in the folder; by default derived from the two folders. */
  changes?: { status: FileChange['status']; path: string; previousPath?: string }[];
  /** The pull request as the GitHub API describes it; absent: the API was not read. */
  pullRequest?: Partial<PullRequestFacts>;
  /** Approvals needed per status (default: the configuration's default). */
  approvals?: Record<string, number>;
  folderReplaced?: { folder: string; kind: 'symlink' | 'submodule' };
  /** The file an expected finding is in by default. */
  filename?: string;
}

export interface InvalidChangeCase extends ChangeCase {
  errors: Expected[];
}

export function ruleById(id: string): Rule {
  const rule = RULES.find((entry) => entry.meta.id === id);
  if (!rule) throw new Error(`No rule "${id}" in RULES`);
  return rule;
}

const inFolder = (name: string) => (name.startsWith('/') ? name.slice(1) : `${FOLDER}/${name}`);
const nameOf = (path: string) =>
  path.startsWith(`${FOLDER}/`) ? path.slice(FOLDER.length + 1) : `/${path}`;

function settingsOf(id: string, test: CaseBase): Settings {
  const rules: Settings['rules'] = {
    [id]: {
      ...(test.severity ? { severity: test.severity } : {}),
      ...(test.options ? { options: test.options } : {}),
    },
  };
  return {
    rules,
    ignore: { files: [], numbers: [] },
    baseline: null,
    sections: resolveSectionSettings(test.sections),
    ...(test.placeholders ? { placeholders: test.placeholders } : {}),
  };
}

function rulesOf(id: string, test: CaseBase): Rule[] {
  return [ruleById(id), ...(test.alsoRun ?? []).map(ruleById)];
}

/** The folder's files by name: the case's files, its code, and the template. */
function folderOf(test: LintCase): Record<string, string> {
  const files: Record<string, string> = {};
  if (!test.noTemplate) files[TEMPLATE_NAME] = TEMPLATE;
  Object.assign(files, test.files);
  if (test.code !== undefined) files[test.filename ?? FILE] = test.code;
  return files;
}

/** The engine's input for a folder given by name, as the sources read one. */
function inputOf(files: Record<string, string>, extra: readonly string[] = []): LintInput {
  const sources: SourceFile[] = Object.entries(files).map(([name, text]) => ({
    path: inFolder(name),
    text,
  }));
  // Folders exist too, as on disk and in git: those of every file.
  const paths = new Set<string>();
  for (const path of [...sources.map((source) => source.path), ...extra]) {
    for (let at = path.length; at > 0; at = path.lastIndexOf('/', at - 1))
      paths.add(path.slice(0, at));
  }
  return {
    folder: FOLDER,
    proposals: sources.filter((source) => isProposalPath(source.path, LAYOUT)),
    index: sources.find((source) => source.path === LAYOUT.index) ?? null,
    template: sources.find((source) => source.path === LAYOUT.template) ?? null,
    exists: (path) => paths.has(path),
  };
}

function lintCase(id: string, test: LintCase, files: Record<string, string>): Finding[] {
  const { findings } = lint({
    ...inputOf(files, test.exists),
    rules: rulesOf(id, test),
    settings: settingsOf(id, test),
    ...(test.vocabulary ? { vocabulary: test.vocabulary } : {}),
  });
  return findings.filter((finding) => finding.ruleId === id);
}

/**
 * Applies the rule's fixes as --fix does: every fixable finding's edits, per file, pass after pass
 * until nothing more is fixed (at most 10 passes, then it must be stable).
 */
function fix(id: string, test: LintCase, start: Record<string, string>): Record<string, string> {
  const files = { ...start };
  for (let pass = 0; pass <= 10; pass++) {
    const fixable = lintCase(id, test, files).filter((finding) => finding.fix);
    if (fixable.length === 0) return files;
    if (pass === 10)
      throw new Error(`${id}: its fixes were still changing the files after 10 passes`);
    const byFile = new Map<string, Fix['edits'][]>();
    for (const finding of fixable) {
      const edits = new Map<string, Fix['edits']>();
      for (const edit of finding.fix?.edits ?? []) {
        const name = nameOf(edit.file ?? finding.file);
        edits.set(name, [...(edits.get(name) ?? []), edit]);
      }
      for (const [name, list] of edits) byFile.set(name, [...(byFile.get(name) ?? []), list]);
    }
    let changed = false;
    for (const [name, lists] of byFile) {
      const text = files[name];
      if (text === undefined)
        throw new Error(`${id}: a fix edits ${name}, which is not in the case`);
      const result = applyFixes(text, lists);
      if (result.taken.some(Boolean) && result.text !== text) changed = true;
      files[name] = result.text;
    }
    if (!changed) return files;
  }
  return files;
}

type Shown = Partial<Expected> & { line: number; message: string; severity: Severity };

/** The actual findings as the expected ones state them: the fields each expectation names. */
function shown(findings: Finding[], expected: readonly Expected[] = []): Shown[] {
  return findings.map((finding, i) => {
    const wanted = expected[i];
    const keys = ['column', 'endLine', 'endColumn'] as const;
    return {
      file: nameOf(finding.file),
      line: finding.line,
      ...Object.fromEntries(
        keys.filter((key) => wanted?.[key] !== undefined).map((key) => [key, finding[key]]),
      ),
      message: finding.message,
      severity: finding.severity,
    };
  });
}

function withFile(expected: readonly Expected[], file: string): Expected[] {
  return expected.map((entry) => ({ file, ...entry }));
}

/** Each rule has valid and invalid cases, each named once in its kind: the name is the test's. */
function checkCases(
  id: string,
  cases: { valid: readonly { name: string }[]; invalid: readonly { name: string }[] },
): void {
  if (cases.valid.length === 0 || cases.invalid.length === 0)
    throw new Error(`${id}: give valid and invalid cases`);
  for (const [kind, list] of Object.entries(cases)) {
    const seen = new Set<string>();
    for (const { name } of list) {
      if (seen.has(name)) throw new Error(`${id}: two ${kind} cases are named "${name}"`);
      seen.add(name);
    }
  }
}

/** Tests a proposal or folder rule: `lint()` over each case's folder. */
export function runLintRule(
  id: string,
  cases: { valid: readonly LintCase[]; invalid: readonly InvalidLintCase[] },
): void {
  const rule = ruleById(id);
  if (rule.change) throw new Error(`${id} judges changes: test it with runChangeRule`);
  checkCases(id, cases);
  const fixable = rule.meta.fixable === true;

  describe(id, () => {
    describe('valid', () => {
      test.each(cases.valid)('$name', (test) => {
        // No finding, so no fix either.
        expect(shown(lintCase(id, test, folderOf(test)))).toEqual([]);
      });
    });

    describe('invalid', () => {
      test.each(cases.invalid)('$name', (test) => {
        if (test.errors.length === 0) throw new Error('an invalid case expects findings');
        const files = folderOf(test);
        const file = test.filename ?? FILE;
        const findings = lintCase(id, test, files);
        const expected = withFile(test.errors, file);
        expect(shown(findings, expected)).toEqual(expected);

        if (!fixable) {
          // What --fix would do must be said in the rule's docs: a fix implies meta.fixable.
          const offered = findings.filter((finding) => finding.fix).map((finding) => finding.line);
          if (offered.length > 0)
            throw new Error(`${id} offers fixes (lines ${offered.join(', ')}) but is not fixable`);
          if (test.output !== undefined) throw new Error(`${id} is not fixable: drop "output"`);
          return;
        }
        if (test.output === undefined) throw new Error(`${id} is fixable: state "output"`);
        const after = fix(id, test, files);
        const changed = Object.fromEntries(
          Object.entries(after).filter(([name, text]) => files[name] !== text),
        );
        const wanted =
          test.output === null
            ? {}
            : typeof test.output === 'string'
              ? { [file]: test.output }
              : test.output;
        expect(changed).toEqual(wanted);
      });
    });
  });
}

function changesOf(test: ChangeCase): FileChange[] {
  if (test.changes) {
    return test.changes.map((change) => ({
      status: change.status,
      path: inFolder(change.path),
      ...(change.previousPath ? { previousPath: inFolder(change.previousPath) } : {}),
    }));
  }
  const names = [...new Set([...Object.keys(test.base), ...Object.keys(test.head)])].sort();
  return names.flatMap((name): FileChange[] => {
    const before = test.base[name];
    const after = test.head[name];
    if (before === after) return [];
    const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
    return [{ status, path: inFolder(name) }];
  });
}

/** What a case's `pullRequest` does not say: a PR with no reviews, commits or other PRs. */
const PULL_REQUEST_DEFAULTS: PullRequestFacts = {
  number: 7,
  title: 'docs: klip-1: Example',
  author: 'author',
  reviews: [],
  roles: {},
  writers: null,
  commits: [],
  otherPulls: [],
  skipped: [],
};

/** Judges a case's change as a pull request is judged: the head with the base's template. */
export function compareCase(id: string, test: ChangeCase): Finding[] {
  // Both ends have the template unless the case says otherwise.
  const withTemplate = (files: Record<string, string>) =>
    TEMPLATE_NAME in test.base || TEMPLATE_NAME in test.head
      ? files
      : { [TEMPLATE_NAME]: TEMPLATE, ...files };
  const base = inputOf(withTemplate(test.base));
  const head = inputOf(withTemplate(test.head));
  const settings = settingsOf(id, test);
  const common = { settings, ...(test.vocabulary ? { vocabulary: test.vocabulary } : {}) };
  const result = compare({
    base: { ...base, ...common },
    head: { ...head, template: base.template, ...common },
    changes: changesOf(test),
    layout: LAYOUT,
    pullRequest: test.pullRequest ? { ...PULL_REQUEST_DEFAULTS, ...test.pullRequest } : null,
    approvals: test.approvals ?? DEFAULT_CONFIG.approvals,
    rules: rulesOf(id, test),
    folderReplaced: test.folderReplaced ?? null,
  });
  return result.findings.filter((finding) => finding.ruleId === id);
}

/** Tests a change or GitHub rule: `compare()` between each case's base and head. */
export function runChangeRule(
  id: string,
  cases: { valid: readonly ChangeCase[]; invalid: readonly InvalidChangeCase[] },
): void {
  const rule = ruleById(id);
  if (!rule.change) throw new Error(`${id} does not judge changes: test it with runLintRule`);
  checkCases(id, cases);

  describe(id, () => {
    describe('valid', () => {
      test.each(cases.valid)('$name', (test) => {
        expect(shown(compareCase(id, test))).toEqual([]);
      });
    });

    describe('invalid', () => {
      test.each(cases.invalid)('$name', (test) => {
        if (test.errors.length === 0) throw new Error('an invalid case expects findings');
        const file = test.filename ?? FILE;
        const findings = compareCase(id, test);
        const expected = withFile(test.errors, file);
        expect(shown(findings, expected)).toEqual(expected);
        // Change rules offer no fix: --fix does not run on a comparison.
        expect(findings.filter((finding) => finding.fix)).toEqual([]);
      });
    });
  });
}
