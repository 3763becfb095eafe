import type { IndexDocument, KlipDocument, Problem, Severity, Template } from '../model/types.js';
import type { Vocabulary } from '../model/status.js';
import type { SectionSettings } from '../core/section-names.js';
import type { PullRequestFacts } from '../model/pull-request-facts.js';

export interface RuleMeta {
  id: string;
  /** One line: what the rule reports. */
  description: string;
  severity: Severity;
  /** Why it matters and how to fix it, in Markdown. */
  docs: string;
  /** Beside the default severity in the docs, e.g. "(form: warning)" when some findings are warnings. */
  severityNote?: string;
  /** Whether `--fix` rewrites what the rule reports. */
  fixable?: boolean;
  /**
   * What the rule reports, one template per kind of problem, by message id (as ESLint's
   * `meta.messages`): `{{name}}` placeholders are filled from each problem's `data`.
   */
  messages: Readonly<Record<string, string>>;
  /** What the rule needs to run: a base to compare with, the GitHub API. */
  needs?: readonly ('base' | 'github')[];
  /**
   * Rules that judge what this one would, better, when they can: when one of them runs with what
   * it needs (on, its needs met, its GitHub facts read), this rule's change check does not run.
   */
  deferTo?: readonly string[];
  /** A bad and a good example for the rule's page, as fenced blocks of `language`. */
  examples?: { language: string; bad: string; good: string };
  /** How to fix a finding, in Markdown. */
  howToFix?: string;
  /** Whether the configuration may set the severity (engine notes such as internal-error may not). */
  configurable?: boolean;
  /** JSON Schema properties of the rule's options in the configuration file, if it has any. */
  options?: Record<string, { type: string; items?: { type: string }; description: string }>;
}

export interface RuleContext {
  template: Template;
  vocabulary: Vocabulary;
  /** Whether a repository-relative path names an existing file. */
  exists(path: string): boolean;
  /** Values that count as not filled in, in any metadata field. */
  placeholders: readonly string[];
  /** The running rule's options from the configuration (empty when none are set). */
  options: Record<string, unknown>;
  /** How headings match the template's sections; the defaults when absent. */
  sections?: SectionSettings;
}

export interface Project extends RuleContext {
  folder: string;
  documents: KlipDocument[];
  index: IndexDocument | null;
}

/** One proposal file as a change found it: its version at the base and at the head. */
export interface KlipChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  base: KlipDocument | null;
  head: KlipDocument | null;
  /** For a proposal that left the folder's proposals: the path it went to (another folder or extension). */
  movedTo?: string;
  /** For one deleted: something else (a link, a submodule) took its place. */
  replaced?: boolean;
  /** For one deleted: another proposal at the head that holds its number. */
  numberKeptBy?: string;
}

/** What a change did to the proposals folder, for the rules that judge transitions. */
export interface ChangeContext extends RuleContext {
  changes: KlipChange[];
  baseIndex: IndexDocument | null;
  headIndex: IndexDocument | null;
  /** The template's path when the change edits it. */
  templateChanged: string | null;
  /** The proposals folder when the change replaced it with a link or a submodule. */
  folderReplaced?: { folder: string; kind: 'symlink' | 'submodule' } | null;
  /** What the GitHub API says about the pull request; null when the checks that need it cannot run. */
  pullRequest: PullRequestFacts | null;
  /** Approvals needed to move a proposal to each status. */
  approvals: Record<string, number>;
}

/** A rule checks one proposal on its own, facts across the folder, or a change against its base. */
export interface Rule {
  meta: RuleMeta;
  document?(document: KlipDocument, context: RuleContext): Problem[];
  /** Each problem names its file: a proposal or the index. */
  project?(project: Project): FileProblem[];
  change?(change: ChangeContext): FileProblem[];
}

export type FileProblem = Problem & { file: string };
