// The data that flows through the pipeline: sources -> documents -> rules -> findings -> reports.

export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, error: 3 };

/** 1-based lines and columns; endColumn is exclusive, as in unist. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A `<!-- klip-lint-disable ... -->` directive and its kin. */
export interface Suppression {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule ids; empty for every rule. */
  rules: string[];
  range: Range;
}

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

/** A proposals folder's files as read from one version of the repository: what the engine lints. */
export interface FolderFiles {
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
}

/**
 * The values of a message template's `{{placeholders}}`, inserted verbatim. Pieces a rule composes
 * (a list, an optional clause) are values too: the template stays one per kind of problem.
 */
export type MessageData = Readonly<Record<string, string | number>>;

export interface Finding extends Range {
  ruleId: string;
  severity: Severity;
  file: string;
  /** The message as users read it: the template of `messageId` filled with `data`. */
  message: string;
  /** Which of its rule's `meta.messages` the finding is: its kind of problem, never its text. */
  messageId: string;
  /** The template's values; only inside klip-lint (pre-existing matching, SARIF): reports leave it out. */
  data?: MessageData;
  /** The KLIP number the finding is about, when known. */
  klip: number | null;
  /** Only inside the engine and --fix; reports leave it out. */
  fix?: Fix;
}

/** What a rule reports; the engine adds the rule id, file and severity, and renders the message. */
export interface Problem {
  range: Range;
  /** A key of the rule's `meta.messages`. */
  messageId: string;
  /** The values of the message's placeholders. */
  data?: MessageData;
  /** Another file than the one being checked (project rules). */
  file?: string;
  klip?: number | null;
  /** A lower severity than the rule's, for form-only variants of a rule's problem. */
  severity?: Severity;
  /** A mechanical correction that does not change meaning, for --fix. */
  fix?: Fix;
}

/** Text edits to one file; `\n` in `text` is written with the file's own line ending. */
export interface Fix {
  description: string;
  /** `file` when the edit is to another file than the finding's (an index row for a proposal). */
  edits: { file?: string; range: Range; text: string }[];
}

export interface Title {
  /** The heading's text, without the `#`s. */
  text: string;
  range: Range;
  number: number | null;
  numberRange: Range | null;
  /** The title after the number and separator, or the whole text when there is no number. */
  name: string;
  /** The same as written, inline Markdown (code spans, links, emphasis) kept. */
  writtenName: string;
  /** `KLIP <n> - <title>` exactly. */
  canonical: boolean;
  depth: number;
}

export interface MetadataField {
  /** The name as written, e.g. `Authors`. */
  name: string;
  /** The template field it stands for, e.g. `Author`, or null when it matches none. */
  key: string | null;
  /** The value with decoration (emphasis, a trailing ` | `) removed. */
  value: string;
  /** The value as written, trailing ` | ` and spaces removed. */
  rawValue: string;
  /** Range of the value as written (rawValue); a zero-width range after the colon when empty. */
  valueRange: Range;
  /** Range of the whole line, indentation excluded. */
  lineRange: Range;
  /** `**Field**: value` exactly. */
  canonical: boolean;
  /** `Field: value`, without emphasis, at the start of the line: the older template's form. */
  plain?: boolean;
  /** What follows the value on its line, e.g. the template's ` | `. */
  suffix: string;
}

export interface Section {
  heading: string;
  depth: number;
  range: Range;
  /** Whether everything up to the next heading of its level or higher (levels 1 and 2 count as one) is the template's guidance. */
  guidanceOnly: boolean;
  /** Whether anything (text, code, sub-headings) follows before that heading. */
  hasContent: boolean;
  /** Last line of the section's content (or of its heading when empty). */
  endLine: number;
  /** Whether a level-1 heading has anything up to the next level-1 heading (level-2 parts count). */
  nestedContent?: boolean;
  /** The content's text, spaces folded, when it is short and has no sub-heading (to spot "TBD"). */
  brief?: string;
}

export interface Link {
  url: string;
  range: Range;
}

export interface Tldr {
  /** Normalized text after the label. */
  text: string;
  range: Range;
}

export interface KlipDocument {
  file: string;
  /** The file's base name. */
  name: string;
  /** The KLIP number: the file name's, else the title's. */
  number: number | null;
  lineCount: number;
  /** Length of each line, for positions at the end of a line; compact, as a large folder holds millions. */
  lineLengths: Uint32Array;
  title: Title | null;
  fields: MetadataField[];
  tldr: Tldr | null;
  sections: Section[];
  links: Link[];
  /**
   * The fragment ids GitHub renders for the file (headings, HTML anchors); null when only the
   * head of the file was read, so that a link into it cannot be judged.
   */
  anchors: string[] | null;
  /** Line after which the metadata block ends (where a missing field belongs). */
  metadataEndLine: number;
  /** Without a tl;dr: the first line of prose between the metadata and the first section. */
  summaryLine?: number;
  suppressions: Suppression[];
  /** When the file was not fully checked: how many block structures were read as plain text. */
  partial?: PartialRead;
}

/** A file read in part as plain text: it had more block structures than are parsed in bounded time. */
export interface PartialRead {
  /** How many block quotes, lists, lazy lines or setext headings it has. */
  structures: number;
}

export interface TemplateSection {
  name: string;
  key: string;
  depth: number;
  guidance: Set<string>;
}

export interface TemplateField {
  name: string;
  key: string;
  placeholder: string;
}

export interface Template {
  /** Where it was read from, or null for the built-in copy. */
  file: string | null;
  /** The guidance of every section, for recognising left-over template text anywhere. */
  guidance: Set<string>;
  fields: TemplateField[];
  tldrPlaceholder: string;
  sections: TemplateSection[];
  /** The statuses as the template's Status line spells them (`In development`). */
  statusSpellings?: string[];
  /** The template gave no Status field: the built-in one stands in, and the template is reported. */
  statusFallback?: boolean;
  /** The template writes its fields as plain `Field: value` lines (its form until 2019). */
  plainFields?: boolean;
}

export interface IndexRow {
  number: number | null;
  text: string;
  /** The link target as written, if the first cell links somewhere. */
  href: string | null;
  hrefRange: Range | null;
  /**
   * The first cell's text that reads as a link but is not one (a target with spaces): GitHub
   * shows it as raw text. Null when the cell has a link or nothing of the kind.
   */
  unparsedLink: { target: string; range: Range; targetRange: Range } | null;
  status: string;
  /** The status cell as written, decoration included (what statusRange covers). */
  statusSource: string;
  statusRange: Range;
  range: Range;
}

export interface IndexDocument {
  file: string;
  rows: IndexRow[];
  nextNumber: number | null;
  nextNumberRange: Range | null;
  /** Whether a table with KLIP and Status columns was found. */
  hasTable: boolean;
  /** The table's column count and where its KLIP and Status columns are. */
  columns: number;
  klipColumn: number;
  statusColumn: number;
  suppressions: Suppression[];
  /** When the index was not fully checked: how many block structures were read as plain text. */
  partial?: PartialRead;
}
