import type { Config, RuleSetting } from '../config/config.js';
import {
  baseName,
  emptyDocument,
  fileNameNumber,
  parseKlip,
  parseKlipHead,
} from '../parse/document.js';
import { parseIndex } from '../parse/index-readme.js';
import { BUILTIN_TEMPLATE, parseTemplate } from '../parse/template.js';
import { RULES, type Project, type Rule, type RuleContext } from '../rules/index.js';
import {
  ENGINE_NOTES,
  FILE_UNREADABLE,
  INTERNAL_ERROR,
  SUPPRESSION_UNUSED,
} from '../rules/engine-notes.js';
import { messageOf } from './messages.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../model/status.js';
import { DEFAULT_SECTION_SETTINGS } from './section-names.js';
import { DEFAULT_PLACEHOLDERS } from './placeholders.js';
import { closest } from './strings.js';
import { comparePaths } from '../model/path-order.js';
import { globMatcher } from '../config/glob.js';
import { MAX_FILE_BYTES, tooLarge } from '../model/limits.js';
import { MAX_BLOCK_STRUCTURES } from '../parse/fast/bounded.js';
import {
  SEVERITY_RANK,
  type Finding,
  type FolderFiles,
  type IndexDocument,
  type KlipDocument,
  type MessageData,
  type Problem,
  type Suppression,
  type Template,
} from '../model/types.js';

/** The configured policy the engine applies: rule severities and options, ignores, a baseline. */
export type Settings = Pick<Config, 'rules' | 'ignore' | 'baseline'> &
  Partial<Pick<Config, 'sections' | 'placeholders'>>;

export interface LintInput extends FolderFiles {
  /**
   * With targets: report index findings only about the targets' own rows (a file named on the
   * command line), unless the index itself is a target. A pull request judges the whole index.
   */
  targetRowsOnly?: boolean;
  vocabulary?: Vocabulary;
  settings?: Settings;
  rules?: readonly Rule[];
  /** Proposals already parsed (on other cores), by path. */
  parsed?: ReadonlyMap<string, KlipDocument>;
}

export interface LintResult {
  findings: Finding[];
  /** The proposals reported on. */
  documents: KlipDocument[];
  template: Template;
  index: IndexDocument | null;
  vocabulary: Vocabulary;
}

export { INTERNAL_ERROR, SUPPRESSION_UNUSED };

/** Parses the folder's files and runs every rule: the whole pipeline, with no I/O. */
export function lint(input: LintInput): LintResult {
  const result = lintRaw(input);
  const findings = finish(result.findings, result, input.settings);
  // Index comments about other rows are not unused when only some rows were judged.
  const scoped = scopedToRows(input, result.index);
  return {
    ...result,
    findings: scoped
      ? findings.filter(
          (finding) => finding.ruleId !== SUPPRESSION_UNUSED || finding.file !== result.index?.file,
        )
      : findings,
  };
}

function scopedToRows(input: LintInput, index: IndexDocument | null): boolean {
  return Boolean(
    input.targets && input.targetRowsOnly && !(index && input.targets.has(index.file)),
  );
}

/** The rules' findings before suppressions, ignores and the baseline are applied. */
export function lintRaw(input: LintInput): LintResult {
  const rules = activeRules(input.rules ?? RULES, input.settings);
  const vocabulary = input.vocabulary ?? DEFAULT_VOCABULARY;
  const template = input.template ? parseTemplate(input.template) : BUILTIN_TEMPLATE;
  // Sources do not pass an index over the size limit; a caller that does gets it said, not parsed.
  const oversized = input.index !== null && tooLarge(input.index.text);
  const index = input.index && !oversized ? parseIndex(input.index) : null;
  const isTarget = (file: string) => !input.targets || input.targets.has(file);
  // Proposals that are not reported on only lend their number and status to cross-file rules.
  const all: KlipDocument[] = [];
  const documents: KlipDocument[] = [];
  const findings: Finding[] = [];
  for (const source of input.proposals) {
    const target = isTarget(source.path);
    let document = input.parsed?.get(source.path);
    try {
      document ??= target ? parseKlip(source, template) : parseKlipHead(source, template);
    } catch (error) {
      // A file the parser cannot take is reported; the run goes on, knowing it by name only.
      all.push(emptyDocument(source.path));
      if (target) findings.push(parseFailure(source.path, error));
      continue;
    }
    all.push(document);
    if (target) documents.push(document);
  }
  const targetNumbers = scopedToRows(input, index)
    ? new Set(documents.map((document) => document.number))
    : null;
  const isTargetRow = (finding: Finding) =>
    !targetNumbers || (finding.klip !== null && targetNumbers.has(finding.klip));
  // Built when a finding first needs it: most runs of a large folder find little.
  let numbers: Map<string, number | null> | null = null;
  const klipOf = (file: string) =>
    (numbers ??= new Map(all.map((document) => [document.file, document.number]))).get(file) ??
    null;

  for (const rule of rules) {
    const context: RuleContext = {
      template,
      vocabulary,
      exists: input.exists,
      placeholders: input.settings?.placeholders ?? DEFAULT_PLACEHOLDERS,
      options: optionsOf(rule, input.settings),
      sections: input.settings?.sections ?? DEFAULT_SECTION_SETTINGS,
    };
    const severity = severityOf(rule, input.settings);
    const { document: checkDocument, project: checkProject } = rule;
    if (checkDocument) {
      for (const document of documents) {
        const number = document.number;
        findings.push(
          ...collect(
            rule,
            document.file,
            () => checkDocument(document, context),
            () => number,
            severity,
          ),
        );
      }
    }
    if (checkProject) {
      const project: Project = { ...context, folder: input.folder, documents: all, index };
      const problems = collect(
        rule,
        index?.file ?? input.folder,
        () => checkProject(project),
        klipOf,
        severity,
      );
      findings.push(
        ...problems.filter((finding) =>
          finding.file === index?.file
            ? isTargetRow(finding)
            : finding.file === template.file || isTarget(finding.file),
        ),
      );
    }
  }
  // Files read in part as plain text say so: nothing is silently partial.
  const partial = [
    ...documents.filter((document) => document.partial),
    ...(index?.partial ? [index] : []),
  ];
  for (const { file, partial: read } of partial) {
    findings.push(
      unchecked(file, {
        messageId: 'partlyChecked',
        data: { structures: read?.structures ?? 0, limit: MAX_BLOCK_STRUCTURES },
      }),
    );
  }
  if (oversized && input.index) {
    findings.push(
      unchecked(input.index.path, {
        messageId: 'indexTooLarge',
        data: { limit: MAX_FILE_BYTES },
      }),
    );
  }
  findings.sort(compareFindings);
  return { findings, documents, template, index, vocabulary };
}

function unchecked(file: string, message: NoteMessage): Finding {
  return fileFinding(FILE_UNREADABLE, 'warning', file, message, fileNameNumber(baseName(file)));
}

/** One of an engine note's `meta.messages`, with its data. */
export interface NoteMessage {
  messageId: string;
  data?: MessageData;
}

/** An engine note's message, rendered from the note's meta: the same registry as the rules'. */
export function noteMessage(
  ruleId: string,
  { messageId, data }: NoteMessage,
): Pick<Finding, 'message' | 'messageId' | 'data'> {
  const meta = ENGINE_NOTES.find((note) => note.id === ruleId);
  if (!meta) throw new Error(`${ruleId} is no engine note`);
  return { message: messageOf(meta, messageId, data), messageId, ...(data ? { data } : {}) };
}

/** A finding about a whole file, on its first line: what the engine says of a file itself. */
export function fileFinding(
  ruleId: string,
  severity: Finding['severity'],
  file: string,
  message: NoteMessage,
  klip: number | null,
): Finding {
  return {
    ruleId,
    severity,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    ...noteMessage(ruleId, message),
    klip,
  };
}

function parseFailure(file: string, error: unknown): Finding {
  return internalError(
    file,
    { messageId: 'parseFailed', data: { reason: reasonOf(error) } },
    fileNameNumber(baseName(file)),
  );
}

/** A failure of klip-lint's own, on the first line of the file it concerns. */
function internalError(file: string, message: NoteMessage, klip: number | null): Finding {
  return fileFinding(INTERNAL_ERROR, 'error', file, message, klip);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function activeRules(rules: readonly Rule[], settings: Settings | undefined): Rule[] {
  return rules.filter((rule) => severityOf(rule, settings) !== 'off');
}

export function severityOf(rule: Rule, settings: Settings | undefined): RuleSetting | undefined {
  return settings?.rules[rule.meta.id]?.severity;
}

export function optionsOf(rule: Rule, settings: Settings | undefined): Record<string, unknown> {
  return settings?.rules[rule.meta.id]?.options ?? {};
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
  configured?: RuleSetting,
): Finding[] {
  let problems: Problem[];
  let messages: string[];
  try {
    problems = run();
    // A message id the rule does not declare is the rule's bug, reported as its failure.
    messages = problems.map((problem) => messageOf(rule.meta, problem.messageId, problem.data));
  } catch (error) {
    return [
      internalError(
        file,
        { messageId: 'ruleFailed', data: { rule: rule.meta.id, reason: reasonOf(error) } },
        klipOf(file),
      ),
    ];
  }
  return problems.map((problem, i) => {
    // A configured severity applies to every finding of the rule; otherwise form-only variants may be lower.
    const lower =
      problem.severity && SEVERITY_RANK[problem.severity] < SEVERITY_RANK[rule.meta.severity];
    const severity =
      configured && configured !== 'off'
        ? configured
        : lower
          ? (problem.severity as Finding['severity'])
          : rule.meta.severity;
    return {
      ruleId: rule.meta.id,
      severity,
      file: problem.file ?? file,
      ...problem.range,
      message: messages[i] as string,
      messageId: problem.messageId,
      ...(problem.data ? { data: problem.data } : {}),
      klip: problem.klip !== undefined ? problem.klip : klipOf(problem.file ?? file),
      ...(problem.fix ? { fix: problem.fix } : {}),
    };
  });
}

/** Applies inline suppressions, then ignored files and numbers, then the baseline. */
export function finish(
  findings: Finding[],
  parsed: { documents: KlipDocument[]; index: IndexDocument | null },
  settings: Settings | undefined,
  known: readonly Rule[] = RULES,
): Finding[] {
  const suppressed = applySuppressions(findings, parsed, settings, known);
  const ignoreFile = settings?.ignore.files.length ? globMatcher(settings.ignore.files) : null;
  const ignoredNumbers = new Set(settings?.ignore.numbers ?? []);
  const baseline = settings?.baseline;
  return suppressed
    .filter((finding) => {
      if (
        ignoreFile &&
        (ignoreFile(finding.file) ||
          ignoreFile(finding.file.slice(finding.file.lastIndexOf('/') + 1)))
      ) {
        return false;
      }
      if (finding.klip !== null && ignoredNumbers.has(finding.klip)) return false;
      if (baseline && finding.klip !== null && finding.klip < baseline.from) {
        if (!baseline.rules || baseline.rules.includes(finding.ruleId)) return false;
      }
      return true;
    })
    .sort(compareFindings);
}

function applySuppressions(
  findings: Finding[],
  parsed: { documents: KlipDocument[]; index: IndexDocument | null },
  settings: Settings | undefined,
  known: readonly Rule[],
): Finding[] {
  const sources = [...parsed.documents, ...(parsed.index ? [parsed.index] : [])];
  const byFile = new Map(sources.map((source) => [source.file, source.suppressions]));
  const used = new Set<Suppression>();
  const kept = findings.filter((finding) => {
    const suppressions = byFile.get(finding.file);
    if (!suppressions?.length) return true;
    const hit = suppressing(suppressions, finding);
    if (hit) used.add(hit);
    return !hit;
  });
  if (settings?.rules[SUPPRESSION_UNUSED]?.severity === 'off') return kept;
  const ids = known.map((rule) => rule.meta.id);
  for (const source of sources) {
    for (const suppression of source.suppressions) {
      if (suppression.kind === 'enable' || used.has(suppression)) continue;
      const unknown = suppression.rules.filter((id) => !ids.includes(id));
      const hint = unknown
        .map((id) => {
          const near = closest(id, ids);
          return near ? `"${id}" is no rule (did you mean "${near}"?)` : `"${id}" is no rule`;
        })
        .join('; ');
      kept.push({
        ruleId: SUPPRESSION_UNUSED,
        severity:
          (settings?.rules[SUPPRESSION_UNUSED]?.severity as Finding['severity'] | undefined) ??
          'notice',
        file: source.file,
        ...suppression.range,
        ...noteMessage(
          SUPPRESSION_UNUSED,
          hint
            ? { messageId: 'unknownRule', data: { kind: suppression.kind, hint } }
            : { messageId: 'unused', data: { kind: suppression.kind } },
        ),
        klip: null,
      });
    }
  }
  return kept;
}

/** The suppression that covers a finding, if any: the last applicable comment before it wins. */
function suppressing(suppressions: Suppression[], finding: Finding): Suppression | undefined {
  const applies = (suppression: Suppression) =>
    suppression.rules.length === 0 || suppression.rules.includes(finding.ruleId);
  let active: Suppression | undefined;
  for (const suppression of suppressions) {
    if (!applies(suppression)) continue;
    if (suppression.kind === 'disable-next-line') {
      if (finding.line === suppression.range.endLine + 1) return suppression;
      continue;
    }
    if (suppression.range.line > finding.line) break;
    active = suppression.kind === 'disable' ? suppression : undefined;
  }
  return active;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    comparePaths(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
