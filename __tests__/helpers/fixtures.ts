import { lint, type LintInput } from '../../src/core/engine.js';
import type { Finding } from '../../src/model/types.js';

export const SECTIONS = [
  'Motivation and background',
  'What is in scope',
  'What is not in scope',
  'Value/Return',
  'Public APIS',
  'Design',
  'Test plan',
  'LOEs and Delivery Milestones',
  'Documentation Updates',
  'Compatibility Implications',
  'Security Implications',
];

/** A template written for these tests, with the standard template's structure. */
export const TEMPLATE = `# KLIP Number - Title

**Author**: _your name here_ | 
**Release Target**: _target release_ | 
**Status**: _In Discussion_ or _Merged_ | 
**Discussion**: _link to the discussion PR_

**tl;dr:** _Why this matters and who benefits._

${SECTIONS.map(
  (name) =>
    `${name === 'Compatibility Implications' ? '#' : '##'} ${name}\n\n_Guidance for ${name.toLowerCase()}._\n`,
).join('\n')}`;

export interface KlipOptions {
  number?: number;
  title?: string;
  heading?: string;
  author?: string;
  releaseTarget?: string;
  status?: string;
  discussion?: string;
  tldr?: string;
  /** Metadata lines as written, replacing the four standard ones. */
  metadata?: string[];
  sections?: string[];
  body?: (name: string) => string;
}

/** A clean proposal; every option replaces one part of it. */
export function klip(options: KlipOptions = {}): string {
  const number = options.number ?? 1;
  const heading = options.heading ?? `# KLIP ${number} - ${options.title ?? 'Example Proposal'}`;
  const metadata = options.metadata ?? [
    `**Author**: ${options.author ?? 'Test Author (@tester)'} | `,
    `**Release Target**: ${options.releaseTarget ?? '1.0.0'} | `,
    `**Status**: ${options.status ?? 'In Discussion'} | `,
    `**Discussion**: ${options.discussion ?? 'https://github.com/example/repo/pull/1'}`,
  ];
  const tldr = options.tldr ?? '**tl;dr:** A short reason for this proposal and who gains from it.';
  const body = options.body ?? ((name: string) => `Real content about ${name.toLowerCase()}.`);
  const sections = (options.sections ?? SECTIONS).map(
    (name) => `${name === 'Compatibility Implications' ? '#' : '##'} ${name}\n\n${body(name)}\n`,
  );
  return [heading, '', ...metadata, '', tldr, '', ...sections].join('\n');
}

export const INDEX_HEADER = `# Proposals

Next KLIP number: **NEXT**

| KLIP | Status | Community Release | CP Release | Discussion PR |
|------|--------|-------------------|------------|---------------|
| [KLIP-X: Template](klip-template.md) | - | - | - | - |
`;

export function index(rows: string[], next: number): string {
  return INDEX_HEADER.replace('NEXT', String(next)) + rows.map((row) => `${row}\n`).join('');
}

export function row(number: number, file: string | null, status: string): string {
  const link = file ? `[KLIP-${number}: Example](${file})` : `KLIP-${number}: Example`;
  return `| ${link} | ${status} | | | |`;
}

/** Lints a folder given as file name -> text; `README.md` and `klip-template.md` are the index and the template. */
export function lintFolder(
  files: Record<string, string>,
  options: { template?: boolean; extraFiles?: string[]; targets?: string[] } = {},
): Finding[] {
  const folder = 'design-proposals';
  const path = (name: string) => `${folder}/${name}`;
  const names = Object.keys(files);
  const template = files['klip-template.md'] ?? (options.template === false ? undefined : TEMPLATE);
  const input: LintInput = {
    folder,
    proposals: names
      .filter((name) => name !== 'README.md' && name !== 'klip-template.md')
      .map((name) => ({ path: path(name), text: files[name] as string })),
    index: files['README.md'] ? { path: path('README.md'), text: files['README.md'] } : null,
    template: template ? { path: path('klip-template.md'), text: template } : null,
    targets: options.targets ? new Set(options.targets.map(path)) : undefined,
    exists: (file) =>
      names.map(path).includes(file) ||
      (template !== undefined && file === path('klip-template.md')) ||
      (options.extraFiles ?? []).includes(file),
  };
  return lint(input).findings;
}

export function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}
