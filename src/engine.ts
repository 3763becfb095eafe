import { parseKlip, parseKlipHead } from './parse/document.js';
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
  const isTarget = (file: string) => !input.targets || input.targets.has(file);
  // Proposals that are not reported on only lend their number and status to cross-file rules.
  const all = input.proposals.map((source) =>
    isTarget(source.path) ? parseKlip(source, template) : parseKlipHead(source, template),
  );
  const documents = all.filter((document) => isTarget(document.file));
  const context = { template, vocabulary, exists: input.exists };
  const project: Project = { ...context, folder: input.folder, documents: all, index };
  const numbers = new Map(all.map((document) => [document.file, klipNumber(document)]));
  const klipOf = (file: string) => numbers.get(file) ?? null;

  const findings: Finding[] = [];
  for (const rule of rules) {
    const { document: checkDocument, project: checkProject } = rule;
    if (checkDocument) {
      for (const document of documents) {
        const number = numbers.get(document.file) ?? null;
        findings.push(
          ...collect(
            rule,
            document.file,
            () => checkDocument(document, context),
            () => number,
          ),
        );
      }
    }
    if (checkProject) {
      const problems = collect(
        rule,
        index?.file ?? input.folder,
        () => checkProject(project),
        klipOf,
      );
      findings.push(
        ...problems.filter((finding) => finding.file === index?.file || isTarget(finding.file)),
      );
    }
  }
  findings.sort(compareFindings);
  return { findings, documents, template, index, vocabulary };
}

/**
 * Runs one rule and turns its problems into findings. A rule that throws must not stop the
 * others: its error becomes an internal-error finding on `file`.
 */
export function collect(
  rule: Rule,
  file: string,
  run: () => Problem[],
  klipOf: (file: string) => number | null = () => null,
): Finding[] {
  let problems: Problem[];
  try {
    problems = run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        ruleId: INTERNAL_ERROR,
        severity: 'error',
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: `Rule ${rule.meta.id} failed on this file (${reason}); please report this as a klip-lint bug, naming the rule ${rule.meta.id}.`,
        klip: klipOf(file),
      },
    ];
  }
  return problems.map((problem) => {
    const lower =
      problem.severity && SEVERITY_RANK[problem.severity] < SEVERITY_RANK[rule.meta.severity];
    return {
      ruleId: rule.meta.id,
      severity: lower ? (problem.severity as Finding['severity']) : rule.meta.severity,
      file: problem.file ?? file,
      ...problem.range,
      message: problem.message,
      klip: problem.klip !== undefined ? problem.klip : klipOf(problem.file ?? file),
    };
  });
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
