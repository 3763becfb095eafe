import { DEFAULT_VOCABULARY, type StatusDefinition, type Vocabulary } from '../model/status.js';
import type { Severity } from '../model/types.js';
import { DEFAULT_SECTION_SETTINGS, type SectionSettings } from '../core/section-names.js';
import { DEFAULT_PLACEHOLDERS } from '../core/placeholders.js';

export type RuleSetting = Severity | 'off';

/** What a repository configures, after defaults, the file and the action's inputs are merged. */
export interface Config {
  /** The proposals folder, relative to the repository root. */
  path: string;
  /** The template and the index, relative to the proposals folder. */
  template: string;
  index: string;
  vocabulary: Vocabulary;
  rules: Record<string, { severity?: RuleSetting; options?: Record<string, unknown> }>;
  ignore: { files: string[]; numbers: number[] };
  /** Rules that apply only to proposals numbered `from` and above. */
  baseline: { from: number; rules: string[] | null } | null;
  /** Approvals needed to move a proposal to a status (the GitHub-API checks). */
  approvals: Record<string, number>;
  /** Whom to name and ask for the approvals a proposal needs; absent: the repository's writers. */
  reviewers?: string[];
  /** How headings match the template's sections, and from which status a section is required. */
  sections: SectionSettings;
  /** Values that count as not filled in, in any metadata field (TBD, link, ?). */
  placeholders: string[];
  /** Days after which a proposal in flight is listed as quiet on whole-folder runs; null: off. */
  staleDays?: number | null;
  /** Where the configuration came from, for messages. */
  source: string | null;
}

export const DEFAULT_CONFIG: Config = {
  path: 'design-proposals',
  template: 'klip-template.md',
  index: 'README.md',
  vocabulary: DEFAULT_VOCABULARY,
  rules: {},
  ignore: { files: [], numbers: [] },
  baseline: null,
  approvals: { 'Design Approved': 2, 'In Development': 2, Merged: 2 },
  sections: DEFAULT_SECTION_SETTINGS,
  placeholders: [...DEFAULT_PLACEHOLDERS],
  source: null,
};

/** The file's `statuses` section, as written. */
export interface StatusesSection {
  order?: string[];
  reserved?: string;
  end?: string[];
  aliases?: Record<string, string>;
  transitions?: Record<string, string[]>;
}

/** Builds the vocabulary from a `statuses` section; parts left out keep their defaults. */
export function buildVocabulary(section: StatusesSection): Vocabulary {
  const defaults = DEFAULT_VOCABULARY.statuses;
  const reserved = section.reserved ?? defaults.find((status) => status.indexOnly)?.name;
  const order =
    section.order ??
    defaults.filter((status) => !status.indexOnly && !status.branch).map((status) => status.name);
  const end = section.end ?? defaults.filter((status) => status.end).map((status) => status.name);
  const aliases: Record<string, string> =
    section.aliases ??
    Object.fromEntries(
      defaults.flatMap((status) => status.aliases.map((alias) => [alias, status.name])),
    );
  const names = [
    ...(reserved ? [reserved] : []),
    ...order,
    ...end.filter((name) => !order.includes(name)),
  ];
  const statuses: StatusDefinition[] = [...new Set(names)].map((name) => ({
    name,
    aliases: Object.entries(aliases)
      .filter(([, canonical]) => canonical === name)
      .map(([alias]) => alias),
    ...(name === reserved ? { indexOnly: true } : {}),
    ...(end.includes(name) ? { end: true } : {}),
    ...(end.includes(name) && !order.includes(name) ? { branch: true } : {}),
  }));
  return { statuses, ...(section.transitions ? { transitions: section.transitions } : {}) };
}
