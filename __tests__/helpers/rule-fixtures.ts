// Texts for the per-rule tests (__tests__/rules/), written for them: a template, a proposal whose
// lines are at known places, and an index. Only the rule under test runs, so a case may also be a
// few lines written out in full.

import { SECTIONS, type KlipOptions } from './fixtures.js';

export { SECTIONS };

/** The template's placeholder values, as the template below writes them. */
export const PLACEHOLDER = {
  author: '_your name and github user name here_',
  releaseTarget: '_target release_',
  discussion: '_link to the design discussion PR_',
  tldr: '_Why this matters, and who benefits._',
} as const;

const depthOf = (name: string) => (name === 'Compatibility Implications' ? 1 : 2);
const headingOf = (name: string) => `${'#'.repeat(depthOf(name))} ${name}`;

/** Guidance the template writes under a section, in italics. */
export const guidance = (name: string) => `_What to write about ${name.toLowerCase()}._`;

/** A template with the standard one's structure (its Compatibility heading at level 1). */
export const TEMPLATE = [
  '# KLIP Number - Title',
  '',
  `**Author**: ${PLACEHOLDER.author} | `,
  `**Release Target**: ${PLACEHOLDER.releaseTarget} | `,
  '**Status**: _In Discussion_ or _Design Approved_ or _In development_ or _Merged_ | ',
  `**Discussion**: ${PLACEHOLDER.discussion}`,
  '',
  `**tl;dr:** ${PLACEHOLDER.tldr}`,
  '',
  ...SECTIONS.flatMap((name) => [headingOf(name), '', guidance(name), '']),
].join('\n');

/**
 * As `klip()`'s options; here `metadata` replaces lines 3 to 6, `tldr` is line 8, and each
 * section's one-line text comes from `body`.
 */
export type ProposalOptions = KlipOptions;

/**
 * A clean proposal. With the defaults its lines are: 1 the title, 3-6 Author, Release Target,
 * Status, Discussion, 8 the tl;dr, then each section in four lines (heading, blank, text, blank):
 * the i-th (from 0) heading on line 10 + 4i (Motivation 10, Design 30, Test plan 34, LOEs 38,
 * Compatibility 46, Security 50), its text on the line two below.
 */
export function proposal(options: ProposalOptions = {}): string {
  const number = options.number ?? 1;
  const heading = options.heading ?? `# KLIP ${number} - ${options.title ?? 'Example'}`;
  const metadata = options.metadata ?? [
    `**Author**: ${options.author ?? 'Ann Example (@ann)'} |`,
    `**Release Target**: ${options.releaseTarget ?? '0.30.0'} |`,
    `**Status**: ${options.status ?? 'In Discussion'} |`,
    `**Discussion**: ${options.discussion ?? 'https://github.com/example/repo/pull/11'}`,
  ];
  const tldr = options.tldr ?? '**tl;dr:** Faster answers for people who query state.';
  const body = options.body ?? ((name: string) => `What we say about ${name.toLowerCase()}.`);
  const sections = (options.sections ?? SECTIONS).flatMap((name) => [
    headingOf(name),
    '',
    body(name),
    '',
  ]);
  return [heading, '', ...metadata, '', tldr, '', ...sections].join('\n');
}

/** The line of a section's heading in `proposal()`'s default layout. */
export function sectionLine(name: string): number {
  return 10 + 4 * SECTIONS.indexOf(name);
}

/**
 * An index README. Its lines: 1 the heading, 3 `Next KLIP number: **next**`, 5-6 the table's
 * header, then one row per entry from line 7.
 */
export function indexReadme(rows: readonly string[], next: number | null): string {
  return [
    '# KLIPs',
    '',
    next === null ? 'Numbers are reserved below.' : `Next KLIP number: **${next}**`,
    '',
    '| KLIP | Status | Community Release | CP Release | Discussion PR |',
    '|------|--------|-------------------|------------|---------------|',
    ...rows,
    '',
  ].join('\n');
}

/** An index row; `file` null for a reserved number with no file yet. */
export function row(number: number, file: string | null, status: string): string {
  const name = `KLIP-${number}: Example ${number}`;
  return `| ${file ? `[${name}](${file})` : name} | ${status} | | | |`;
}

/** The text with Windows line endings. */
export const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
