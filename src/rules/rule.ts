import type { IndexDocument, KlipDocument, Problem, Severity, Template } from '../types.js';
import type { Vocabulary } from '../status.js';

export interface RuleMeta {
  id: string;
  /** One line: what the rule reports. */
  description: string;
  severity: Severity;
  /** Why it matters and how to fix it, in Markdown. */
  docs: string;
}

export interface RuleContext {
  template: Template;
  vocabulary: Vocabulary;
  /** Whether a repository-relative path names an existing file. */
  exists(path: string): boolean;
}

export interface Project extends RuleContext {
  folder: string;
  documents: KlipDocument[];
  index: IndexDocument | null;
}

/** A rule checks one proposal on its own, or facts across the folder, or both. */
export interface Rule {
  meta: RuleMeta;
  document?(document: KlipDocument, context: RuleContext): Problem[];
  /** Each problem names its file: a proposal or the index. */
  project?(project: Project): FileProblem[];
}

export type FileProblem = Problem & { file: string };
