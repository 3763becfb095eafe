import { escapeMarkdown } from '../report/markdown-escape.js';
import type { Vocabulary } from '../model/status.js';
import type { Catalogue, CatalogueEntry } from './catalogue.js';
import type { LastChange, StaleEntry } from './stale.js';

export interface OverviewOptions {
  vocabulary: Vocabulary;
  /** The stale list, when stale-days is set; null when it could not be made (with a reason). */
  stale?: {
    days: number;
    entries: StaleEntry[] | null;
    reason?: string;
    /** Each file's last change, when known: the table of proposals in flight says since when. */
    changes?: ReadonlyMap<string, LastChange>;
  };
  /** `https://github.com/owner/repo/blob/<sha>`: titles link to the files there. */
  blobUrl?: string;
}

/** Above this many rows, a list folds into <details>. */
export const FOLD_ROWS = 15;
const NO_STATUS = 'No known status';

/** Proposals in flight: past the reserved number and not at an end state. */
export function inFlight(catalogue: Catalogue, vocabulary: Vocabulary): CatalogueEntry[] {
  const open = new Set(
    vocabulary.statuses
      .filter((status) => !status.indexOnly && !status.end)
      .map((status) => status.name),
  );
  return catalogue.proposals.filter((entry) => entry.status !== null && open.has(entry.status));
}

/** Proposals per status, in the vocabulary's order, then those without a known status. */
export function countByStatus(
  catalogue: Catalogue,
  vocabulary: Vocabulary,
): { status: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const entry of catalogue.proposals) {
    const key = entry.status ?? NO_STATUS;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = [...vocabulary.statuses.map((status) => status.name), NO_STATUS];
  return order.flatMap((status) => {
    const count = counts.get(status);
    return count ? [{ status, count }] : [];
  });
}

/** A Mermaid pie of proposals per status: GitHub draws it in a job summary. */
export function statusChart(catalogue: Catalogue, vocabulary: Vocabulary): string {
  const counts = countByStatus(catalogue, vocabulary);
  const label = (text: string) => text.replace(/["\r\n`]/g, "'").replace(/[<>]/g, '');
  return [
    '```mermaid',
    'pie showData title Proposals per status',
    ...counts.map(({ status, count }) => `    "${label(status)}" : ${count}`),
    '```',
  ].join('\n');
}

function link(entry: Pick<CatalogueEntry, 'title' | 'file'>, blobUrl: string | undefined): string {
  const title = escapeMarkdown(entry.title ?? entry.file.slice(entry.file.lastIndexOf('/') + 1));
  return blobUrl
    ? `[${title}](${blobUrl}/${entry.file.split('/').map(encodeURIComponent).join('/')})`
    : title;
}

function fold(summary: string, lines: string[], rows: number): string[] {
  if (rows <= FOLD_ROWS) return lines;
  return ['<details>', `<summary>${summary}</summary>`, '', ...lines, '</details>', ''];
}

/** Where every proposal stands: the chart, the proposals in flight, those that went quiet. */
export function renderOverview(catalogue: Catalogue, options: OverviewOptions): string {
  const { vocabulary, blobUrl } = options;
  const total = catalogue.proposals.length;
  const out = ['### Where the proposals stand', ''];
  if (total === 0) {
    out.push(`No proposals in <code>${escapeMarkdown(catalogue.folder)}</code> yet.`, '');
    return out.join('\n');
  }
  out.push(statusChart(catalogue, vocabulary), '');
  const flying = inFlight(catalogue, vocabulary);
  if (flying.length === 0) {
    out.push('No proposal is in discussion or approved but not merged.', '');
  } else {
    const heading = `${flying.length} of ${total} proposal${total === 1 ? '' : 's'} in discussion or approved but not merged`;
    const changes = options.stale?.changes;
    const since = (entry: CatalogueEntry) => {
      const change = changes?.get(entry.file);
      return change
        ? ` ${change.date.slice(0, 10)} by ${escapeMarkdown(change.author || '—')} |`
        : ' — |';
    };
    const table = [
      `| KLIP | Title | Status | Authors |${changes ? ' Last change |' : ''}`,
      `| ---: | --- | --- | --- |${changes ? ' --- |' : ''}`,
      ...flying.map(
        (entry) =>
          `| ${entry.number ?? '?'} | ${link(entry, blobUrl)} | ${escapeMarkdown(entry.status ?? '')} | ${escapeMarkdown(entry.authors.join(', ') || '—')} |${changes ? since(entry) : ''}`,
      ),
      '',
    ];
    out.push(`**${heading}:**`, '', ...fold(heading, table, flying.length));
  }
  if (options.stale) out.push(...renderStale(options.stale, blobUrl));
  return out.join('\n');
}

function renderStale(
  stale: NonNullable<OverviewOptions['stale']>,
  blobUrl: string | undefined,
): string[] {
  const days = `${stale.days} day${stale.days === 1 ? '' : 's'}`;
  if (stale.entries === null)
    return [
      `> The proposals unchanged for ${days} could not be listed: ${escapeMarkdown(stale.reason ?? 'no history')}.`,
      '',
    ];
  const out = [`#### Unchanged for ${days} or more (${stale.entries.length})`, ''];
  if (stale.entries.length === 0) return [...out, 'Every proposal in flight changed recently.', ''];
  const table = [
    '| KLIP | Title | Status | Last change | By | Authors |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...stale.entries.map(
      (entry) =>
        `| ${entry.number ?? '?'} | ${link(entry, blobUrl)} | ${escapeMarkdown(entry.status)} | ${entry.lastChange.slice(0, 10)} (${entry.days} days) | ${escapeMarkdown(entry.author || '—')} | ${escapeMarkdown(entry.authors.join(', ') || '—')} |`,
    ),
    '',
  ];
  return [
    ...out,
    ...fold(`${stale.entries.length} proposals unchanged for ${days}`, table, stale.entries.length),
  ];
}
