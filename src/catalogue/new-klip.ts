import { parseIndex } from '../parse/index-readme.js';
import { BUILTIN_TEMPLATE } from '../parse/template.js';
import { fileNameNumber } from '../rules/helpers.js';
import { firstFileStatus, type Vocabulary } from '../model/status.js';
import { LINE_BREAK, slugify } from '../core/strings.js';
import type { SourceFile } from '../model/types.js';
import { splitFieldLine } from '../parse/metadata.js';
import { nameKey } from '../core/strings.js';

export interface NewKlip {
  number: number;
  name: string;
  text: string;
}

/**
 * The next free number: above the index's next number, every row and every file. Null when that
 * is past the safe integers (a name like klip-1e+21-x.md is no proposal's).
 */
export function nextFreeNumber(index: SourceFile | null, proposalNames: string[]): number | null {
  const parsed = index ? parseIndex(index) : null;
  // A loop, not a spread: an index of 300,000 rows overflows the stack of Math.max(...rows).
  let highest = 0;
  for (const row of parsed?.rows ?? []) highest = Math.max(highest, row.number ?? 0);
  for (const name of proposalNames) highest = Math.max(highest, fileNameNumber(name) ?? 0);
  const next = Math.max(parsed?.nextNumber ?? 1, highest + 1);
  return Number.isSafeInteger(next) ? next : null;
}

/** Longest slug in a new file name: a long title still makes a name every file system takes. */
export const MAX_SLUG = 60;

/** Why a title cannot be a new proposal's, or null: it is one line of text. */
export function titleProblem(title: string): string | null {
  if (!title.trim()) return 'the title is empty';
  // eslint-disable-next-line no-control-regex -- line breaks and control characters are what is refused
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(title))
    return 'the title must be one line, without line breaks or control characters';
  return null;
}

/** A new proposal copied from the template: its title numbered, its status the first one. */
export function newKlip(
  title: string,
  number: number,
  template: SourceFile | null,
  vocabulary: Vocabulary,
): NewKlip {
  const slug = slugify(title).slice(0, MAX_SLUG).replace(/-+$/, '');
  const name = `klip-${number}-${slug || 'proposal'}.md`;
  const status = firstFileStatus(vocabulary)?.name ?? 'In Discussion';
  const heading = `# KLIP ${number} - ${title.trim()}`;
  if (!template) return { number, name, text: fromBuiltin(heading, status) };
  const eol = /\r\n|\r|\n/.exec(template.text)?.[0] ?? '\n';
  const lines = template.text.replace(/^\uFEFF/, '').split(LINE_BREAK);
  const titleLine = lines.findIndex((line) => /^\s{0,3}#\s/.test(line));
  if (titleLine >= 0) lines[titleLine] = heading;
  else lines.unshift(heading, '');
  const statusLine = lines.findIndex((line) => {
    const field = splitFieldLine(line);
    return field !== null && nameKey(field.name) === 'status';
  });
  if (statusLine >= 0) {
    const line = lines[statusLine] as string;
    const field = splitFieldLine(line);
    if (field) {
      const suffix = line.slice(field.valueOffset + field.rawValue.length).trimEnd();
      lines[statusLine] =
        `${line.slice(0, field.valueOffset)}${status}${suffix ? ` ${suffix.trim()}` : ''}`;
    }
  }
  return { number, name, text: lines.join(eol) };
}

function fromBuiltin(heading: string, status: string): string {
  const fields = BUILTIN_TEMPLATE.fields.map(
    (field) => `**${field.name}**: ${field.key === 'status' ? status : '_to be filled in_'} | `,
  );
  const sections = BUILTIN_TEMPLATE.sections.map(
    (section) => `${'#'.repeat(section.depth)} ${section.name}\n\n_To be written._\n`,
  );
  return [
    heading,
    '',
    ...fields,
    '',
    '**tl;dr:** _Why this matters, and who benefits._',
    '',
    ...sections,
  ].join('\n');
}
