import { parseKlip } from './parse/document.js';
import { parseIndex } from './parse/index-readme.js';
import { BUILTIN_TEMPLATE, parseTemplate } from './parse/template.js';
import { RULES, type Project, type Rule } from './rules/index.js';
import { klipNumber } from './rules/helpers.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from './status.js';
import {
  SEVERITY_RANK,
  type Finding,
  type IndexDocument,
  type KlipDocument,
  type Problem,
  type SourceFile,
  type Template,
} from './types.js';

export interface LintInput {
  /** The proposals folder, relative to the repository root. */
  folder: string;
  /** Every proposal in the folder: cross-file rules need them all. */
  proposals: SourceFile[];
  /** The proposals to report on; all of them when absent. */
  targets?: ReadonlySet<string>;
  index: SourceFile | null;
  template: SourceFile | null;
  /** Whether a repository-relative path names an existing file (for links). */
  exists(path: string): boolean;
  vocabulary?: Vocabulary;
  rules?: readonly Rule[];
}

export interface LintResult {
  findings: Finding[];
  /** The proposals reported on. */
  documents: KlipDocument[];
  template: Template;
  index: IndexDocument | null;
  vocabulary: Vocabulary;
}

export const INTERNAL_ERROR = 'internal-error';

/** Parses the folder's files and runs every rule: the whole pipeline, with no I/O. */
export function lint(input: LintInput): LintResult {
  const rules = input.rules ?? RULES;
  const vocabulary = input.vocabulary ?? DEFAULT_VOCABULARY;
  const template = input.template ? parseTemplate(input.template) : BUILTIN_TEMPLATE;
  const index = input.index ? parseIndex(input.index) : null;
  const all = input.proposals.map((source) => parseKlip(source, template));
  const isTarget = (file: string) => !input.targets || input.targets.has(file);
  const documents = all.filter((document) => isTarget(document.file));
  const context = { template, vocabulary, exists: input.exists };
  const project: Project = { ...context, folder: input.folder, documents: all, index };
  const numbers = new Map(all.map((document) => [document.file, klipNumber(document)]));

  const findings: Finding[] = [];
  for (const rule of rules) {
    const { document: checkDocument, project: checkProject } = rule;
    if (checkDocument) {
      for (const document of documents) {
        const number = numbers.get(document.file) ?? null;
        const problems = attempt(() => checkDocument(document, context));
        if (problems instanceof Error) {
          findings.push(internalError(rule, document.file, problems, number));
          continue;
        }
        for (const problem of problems)
          findings.push(toFinding(rule, document.file, problem, number));
      }
    }
    if (checkProject) {
      const problems = attempt(() => checkProject(project));
      if (problems instanceof Error) {
        findings.push(internalError(rule, index?.file ?? input.folder, problems, null));
        continue;
      }
      for (const problem of problems) {
        if (problem.file !== index?.file && !isTarget(problem.file)) continue;
        findings.push(toFinding(rule, problem.file, problem, numbers.get(problem.file) ?? null));
      }
    }
  }
  findings.sort(compareFindings);
  return { findings, documents, template, index, vocabulary };
}

/** A rule that throws must not stop the others: its error becomes a finding. */
function attempt<T>(run: () => T[]): T[] | Error {
  try {
    return run();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function internalError(rule: Rule, file: string, error: Error, klip: number | null): Finding {
  return {
    ruleId: INTERNAL_ERROR,
    severity: 'error',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `Rule ${rule.meta.id} failed on this file (${error.message}); please report this as a klip-lint bug, naming the rule ${rule.meta.id}.`,
    klip,
  };
}

function toFinding(rule: Rule, file: string, problem: Problem, klip: number | null): Finding {
  const lower =
    problem.severity && SEVERITY_RANK[problem.severity] < SEVERITY_RANK[rule.meta.severity];
  return {
    ruleId: rule.meta.id,
    severity: lower ? (problem.severity as Finding['severity']) : rule.meta.severity,
    file,
    ...problem.range,
    message: problem.message,
    klip: problem.klip !== undefined ? problem.klip : klip,
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    comparePaths(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Path order with numbers compared as numbers, so that klip-2 comes before klip-10. */
export function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
