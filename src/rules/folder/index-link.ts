import { posix } from 'node:path';
import type { IndexDocument, IndexRow, KlipDocument } from '../../model/types.js';
import type { FileProblem, Rule } from '../rule.js';
import { resolveLink } from '../proposal/link-broken.js';

export const indexLink: Rule = {
  meta: {
    id: 'index-link',
    description: 'An index row does not link to its proposal file',
    severity: 'warning',
    fixable: true,
    docs: `An index row links to its proposal's file once the design PR adds it. Reported:

- a link to a file that does not exist (a typo, a renamed file, a file never added): point it at the file's
  current name, add the file, or drop the link while the number is only reserved;
- a link GitHub shows as raw text, such as a target with spaces: write the target as \`<klip-1-a b.md>\` or
  \`klip-1-a%20b.md\` (\`--fix\` writes the first);
- a row whose proposal file exists but that links elsewhere (a PR, a URL at an old commit) or nowhere:
  write the relative link to the file, so that it follows renames and the current text.`,
    examples: {
      language: 'markdown',
      bad: `| [KLIP-20: Remove TERMINATE](klip-20_remove_terminate.md) | Proposal | | | |`,
      good: `| KLIP-20: Remove TERMINATE | Proposal | | | |`,
    },
    howToFix: `Link the file's current name with a relative link (\`<...>\` or \`%20\` around spaces), add the file, or drop the link while the number is only reserved. \`--fix\` writes the \`<...>\` form.`,
    messages: {
      rawText:
        'The row for {{row}} is not a Markdown link: {{why}}. To link the file, {{how}}{{missing}}.',
      unlinked: 'The row for {{row}} does not link its proposal, {{file}}; {{write}}.',
      otherFile:
        "The row for {{row}} links to {{other}}, which is KLIP {{otherNumber}}'s file; {{write}}, or correct the row's number.",
      notTheFile:
        'The row for {{row}} links to "{{href}}", not to its proposal file {{file}} in this folder, which readers then miss (and its later changes); {{write}}.',
      outside: 'The row for {{row}} links outside the repository ("{{href}}"); {{write}}.',
      noFile: 'The row for {{row}} links to "{{target}}", which does not exist{{advice}}.',
    },
  },
  project({ index, documents, exists }) {
    if (!index) return [];
    // Proposals by number, built once: a row is checked against the file that holds its number.
    const byNumber = new Map<number, KlipDocument[]>();
    for (const document of documents) {
      const number = document.number;
      if (number === null) continue;
      const list = byNumber.get(number);
      if (list) list.push(document);
      else byNumber.set(number, [document]);
    }
    // Numbers whose file some row links: another row of the number (a duplicate) is number-duplicate's.
    const linked = new Set<number>();
    for (const row of index.rows) {
      const target = row.href ? resolveLink(index.file, row.href) : undefined;
      if (row.number === null || !target) continue;
      if (byNumber.get(row.number)?.some((document) => document.file === target))
        linked.add(row.number);
    }
    let byFile: Map<string, KlipDocument> | null = null;
    const problems: FileProblem[] = [];
    for (const row of index.rows) {
      if (row.number !== null && linked.has(row.number) && !row.unparsedLink) {
        const target = row.href ? resolveLink(index.file, row.href) : undefined;
        // Only a link that works and a link to a missing file are still this row's own.
        if (!(typeof target === 'string' && target !== '' && !exists(target))) continue;
      }
      const problem = checkRow(
        row,
        index,
        exists,
        (row.number !== null && byNumber.get(row.number)) || [],
        (path) =>
          (byFile ??= new Map(documents.map((document) => [document.file, document]))).get(path),
      );
      if (problem) problems.push(problem);
    }
    return problems;
  },
};

function checkRow(
  row: IndexRow,
  index: IndexDocument,
  exists: (path: string) => boolean,
  files: KlipDocument[],
  fileOf: (path: string) => KlipDocument | undefined,
): FileProblem | null {
  const klip = row.number;
  const name = klip !== null ? `KLIP ${klip}` : `"${row.text}"`;
  const first = files[0];
  const write = first ? `write [${linkText(row)}](${relativeLink(index, first)})` : '';

  if (row.unparsedLink) {
    const { target, range, targetRange } = row.unparsedLink;
    const trimmed = target.trim();
    const spaced = /\s/.test(trimmed);
    const apart = /\][ \t]+\(/.test(row.text);
    const why = spaced
      ? `its target has spaces, so GitHub shows it as raw text`
      : apart
        ? `a space between "]" and "(" makes GitHub show it as raw text`
        : `GitHub shows it as raw text`;
    const how = spaced
      ? `write the target as <${trimmed}> or ${trimmed.replace(/ /g, '%20')}`
      : `write it as [text](${trimmed}), with nothing between "]" and "("`;
    const resolved = resolveLink(index.file, spaced ? trimmed.replace(/ /g, '%20') : trimmed);
    const missing =
      typeof resolved === 'string' && resolved !== '' && !exists(resolved)
        ? `; "${posix.basename(resolved)}" does not exist either${first ? ` (KLIP ${klip}'s file is ${first.name})` : ''}`
        : '';
    return {
      file: index.file,
      range,
      klip,
      messageId: 'rawText',
      data: { row: name, why, how, missing },
      ...(spaced && !/[<>]/.test(trimmed)
        ? {
            fix: {
              description: `index link of ${name}: "${trimmed}" -> "<${trimmed}>"`,
              edits: [{ range: targetRange, text: `<${trimmed}>` }],
            },
          }
        : {}),
    };
  }

  if (!row.href || !row.hrefRange) {
    // A reserved number with no file yet has nothing to link.
    if (!first) return null;
    return {
      file: index.file,
      range: row.range,
      klip,
      messageId: 'unlinked',
      data: { row: name, file: first.name, write },
    };
  }

  const target = resolveLink(index.file, row.href);
  if (target === '') return null;
  if (typeof target === 'string' && exists(target)) {
    // Another proposal's file, while this number has its own: the link or the row's number is wrong.
    const other = first && !files.some((file) => file.file === target) ? fileOf(target) : undefined;
    if (!other || other.number === null || other.number === klip) return null;
    return {
      file: index.file,
      range: row.hrefRange,
      klip,
      messageId: 'otherFile',
      data: { row: name, other: other.name, otherNumber: other.number, write },
    };
  }
  if (target === undefined) {
    // A URL or an anchor: fine for a reserved number, not when the proposal has its file here.
    if (!first || row.href.startsWith('#') || !row.href.includes(':')) return null;
    return {
      file: index.file,
      range: row.hrefRange,
      klip,
      messageId: 'notTheFile',
      data: { row: name, href: row.href, file: first.name, write },
    };
  }
  if (target === null) {
    return {
      file: index.file,
      range: row.hrefRange,
      klip,
      messageId: 'outside',
      data: {
        row: name,
        href: row.href,
        write:
          write ||
          `link the proposal's file in this folder, or drop the link until the design PR adds it`,
      },
    };
  }
  const missing = posix.basename(target);
  return {
    file: index.file,
    range: row.hrefRange,
    klip,
    messageId: 'noFile',
    data: {
      row: name,
      target: missing,
      // What to do depends on whether the number has its file, or a number at all.
      advice: first
        ? `; fix the path: ${write}`
        : klip === null
          ? '; fix the path, or drop the link'
          : ': add the file (its design PR does), fix the path if the file has another name, or drop the link until the design PR',
    },
  };
}

/** The row's link text, or a name for it when it has none. */
function linkText(row: IndexRow): string {
  const text = row.unparsedLink ? /^\[([^\]]*)\]/.exec(row.text)?.[1] : row.text;
  return text?.trim() || `KLIP-${row.number ?? ''}`;
}

/** The link from the index to a proposal, in a form GitHub renders: `<...>` when it has spaces. */
function relativeLink(index: IndexDocument, document: KlipDocument): string {
  const path = posix.relative(posix.dirname(index.file), document.file) || document.name;
  return /[\s()<>]/.test(path) ? `<${path}>` : path;
}
