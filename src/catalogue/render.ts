import { escapeMarkdown } from '../report/markdown-escape.js';
import type { Catalogue, CatalogueEntry } from './catalogue.js';

const dash = '—';

function releases(entry: CatalogueEntry): string {
  return Object.entries(entry.index?.releases ?? {})
    .map(([column, value]) => `${column} ${value}`)
    .join(', ');
}

function indexStatus(entry: CatalogueEntry): string {
  if (!entry.index) return 'no row';
  return entry.index.status || dash;
}

/** One line per proposal in aligned columns, for a terminal; control characters shown as spaces. */
export function formatCatalogueText(catalogue: Catalogue): string {
  const header = [
    'KLIP',
    'Status',
    'Title',
    'Authors',
    'Release target',
    'Index',
    'Releases',
    'File',
  ];
  const rows = catalogue.proposals.map((entry) =>
    [
      entry.number === null ? '?' : String(entry.number),
      entry.status ?? (entry.statusWritten ? `${entry.statusWritten} (?)` : dash),
      entry.title ?? dash,
      entry.authors.join(', ') || dash,
      entry.releaseTarget ?? dash,
      indexStatus(entry),
      releases(entry) || dash,
      entry.file,
    ].map(clean),
  );
  if (rows.length === 0) return 'No proposals.\n';
  // Long cells are cut so that a row stays on a line; the file, last, is never cut.
  const caps = [6, 20, 40, 30, 14, 16, 40, Infinity];
  const widths = header.map((name, i) =>
    Math.min(
      caps[i] as number,
      Math.max(name.length, ...rows.map((row) => (row[i] as string).length)),
    ),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] as number;
        const fitted = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
        return i === cells.length - 1 ? fitted : fitted.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n${rows.length} proposal${rows.length === 1 ? '' : 's'}.\n`;
}

/** The catalogue as a Markdown table, cells escaped. */
export function formatCatalogueMarkdown(catalogue: Catalogue): string {
  const out = [
    '| KLIP | Title | Status | Authors | Release target | Discussion | Index status | Releases |',
    '| ---: | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const entry of catalogue.proposals) {
    const title = escapeMarkdown(entry.title ?? entry.file);
    out.push(
      `| ${entry.number ?? '?'} | [${title}](${encodeURI(entry.file)}) | ${escapeMarkdown(entry.status ?? entry.statusWritten ?? dash)} | ${escapeMarkdown(entry.authors.join(', ') || dash)} | ${escapeMarkdown(entry.releaseTarget ?? dash)} | ${entry.discussion ? `<${entry.discussion.replace(/[<>\s]/g, '').replace(/\|/g, '%7C')}>` : dash} | ${escapeMarkdown(indexStatus(entry))} | ${escapeMarkdown(releases(entry) || dash)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

// eslint-disable-next-line no-control-regex -- a terminal must not receive escape sequences from files
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function clean(text: string): string {
  return text.replace(CONTROL, ' ');
}
