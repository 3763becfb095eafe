import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue, filterCatalogue, splitAuthors } from '../src/catalogue/catalogue.js';
import { countByStatus, renderOverview, statusChart } from '../src/catalogue/overview.js';
import { formatCatalogueMarkdown, formatCatalogueText } from '../src/catalogue/render.js';
import { parseKlip } from '../src/parse/document.js';
import { parseTemplate } from '../src/parse/template.js';
import { DEFAULT_VOCABULARY } from '../src/model/status.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { ROOT, runCli, tempDir, writeFiles } from './helpers/run.js';

const FOLDER = 'design-proposals';

interface Entry {
  number: number | null;
  title: string | null;
  file: string;
  status: string | null;
  statusWritten: string | null;
  authors: string[];
  releaseTarget: string | null;
  discussion: string | null;
  index: {
    status: string;
    canonicalStatus: string | null;
    releases: Record<string, string>;
    discussion: string | null;
  } | null;
}

const README = [
  '# Proposals',
  '',
  'Next KLIP number: **6**',
  '',
  '| KLIP | Status | Community Release | CP Release | Discussion PR |',
  '|------|--------|-------------------|------------|---------------|',
  '| [KLIP-1: First](klip-1-first.md) | Merged | 0.9.0 | 6.0.0 | [Discussion](https://example.com/o/r/pull/11) |',
  '| [KLIP-2: Second](klip-2-second.md) | Approved | - | | |',
  '| KLIP-4: Reserved only | Proposal | | | |',
  '',
].join('\n');

function folder(): Record<string, string> {
  return {
    'klip-template.md': TEMPLATE,
    'README.md': README,
    'klip-1-first.md': klip({
      number: 1,
      title: 'First',
      status: 'Merged',
      author: 'Ann Lee (@ann), Bo Chen',
      releaseTarget: '0.9.0',
      discussion: '[#11](https://example.com/o/r/pull/11)',
    }),
    'klip-2-second.md': klip({ number: 2, title: 'Second', status: '_Approved_', author: 'Cy' }),
    'klip-3-third.md': klip({
      number: 3,
      title: 'Third',
      status: 'Discussion',
      author: '_your name here_',
      discussion: '_link to the discussion PR_',
    }),
    'klip-5-fifth.md': klip({ number: 5, title: 'Fifth', status: 'Somewhere' }),
  };
}

function repo(files = folder()): string {
  const root = tempDir();
  writeFiles(
    root,
    Object.fromEntries(Object.entries(files).map(([name, text]) => [`${FOLDER}/${name}`, text])),
  );
  return root;
}

function catalogueOf(files: Record<string, string>) {
  const template = parseTemplate({ path: `${FOLDER}/klip-template.md`, text: TEMPLATE });
  return buildCatalogue({
    folder: FOLDER,
    documents: Object.entries(files)
      .filter(([name]) => name.startsWith('klip-') && name !== 'klip-template.md')
      .map(([name, text]) => parseKlip({ path: `${FOLDER}/${name}`, text }, template)),
    index: files['README.md'] ? { path: `${FOLDER}/README.md`, text: files['README.md'] } : null,
    template,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

describe('buildCatalogue', () => {
  it('gives every proposal its number, title, canonical status, authors, release, discussion and index row', () => {
    const catalogue = catalogueOf(folder());
    expect(catalogue).toMatchObject({ version: 1, folder: FOLDER, index: `${FOLDER}/README.md` });
    expect(catalogue.nextNumber).toBe(6);
    expect(catalogue.proposals).toEqual([
      {
        number: 1,
        title: 'First',
        file: `${FOLDER}/klip-1-first.md`,
        status: 'Merged',
        statusWritten: 'Merged',
        authors: ['Ann Lee (@ann)', 'Bo Chen'],
        releaseTarget: '0.9.0',
        discussion: 'https://example.com/o/r/pull/11',
        index: {
          status: 'Merged',
          canonicalStatus: 'Merged',
          releases: { 'Community Release': '0.9.0', 'CP Release': '6.0.0' },
          discussion: 'https://example.com/o/r/pull/11',
        },
      },
      expect.objectContaining({
        number: 2,
        status: 'Design Approved',
        statusWritten: 'Approved',
        authors: ['Cy'],
        index: {
          status: 'Approved',
          canonicalStatus: 'Design Approved',
          releases: {},
          discussion: null,
        },
      }),
      expect.objectContaining({
        number: 3,
        status: 'In Discussion',
        authors: [],
        discussion: null,
        index: null,
      }),
      expect.objectContaining({ number: 5, status: null, statusWritten: 'Somewhere', index: null }),
    ]);
    expect(catalogue.reserved).toEqual([
      {
        number: 4,
        title: 'KLIP-4: Reserved only',
        status: 'Proposal',
        canonicalStatus: 'Proposal',
      },
    ]);
  });

  it('filters by canonical status and by any part of an author', () => {
    const catalogue = catalogueOf(folder());
    const numbers = (filter: Parameters<typeof filterCatalogue>[1]) =>
      filterCatalogue(catalogue, filter).proposals.map((entry) => entry.number);
    expect(numbers({ status: 'Design Approved' })).toEqual([2]);
    expect(numbers({ author: '@ANN' })).toEqual([1]);
    expect(numbers({ author: 'chen', status: 'Merged' })).toEqual([1]);
    expect(numbers({ author: 'nobody' })).toEqual([]);
  });

  it('splits author lists on commas, semicolons, ampersands and "and"', () => {
    expect(splitAuthors('A (@a), B; C & D and E')).toEqual(['A (@a)', 'B', 'C', 'D', 'E']);
    expect(splitAuthors('Alexandra Anderson')).toEqual(['Alexandra Anderson']);
    expect(splitAuthors('')).toEqual([]);
  });

  it('renders a terminal table without control characters, and Markdown with escaped cells', () => {
    const files = folder();
    files['klip-2-second.md'] = klip({
      number: 2,
      title: 'Bad \u001b[31mred | pipe',
      status: 'Approved',
    });
    const catalogue = catalogueOf(files);
    const text = formatCatalogueText(catalogue);
    expect(text).not.toContain('\u001b');
    expect(text.split('\n')[0]).toMatch(/^KLIP\s+Status\s+Title\s+Authors/);
    expect(text).toContain('4 proposals.');
    const markdown = formatCatalogueMarkdown(catalogue);
    expect(markdown).toContain('red \\| pipe');
    expect(markdown.split('\n').filter((line) => line.startsWith('| '))).toHaveLength(6);
  });
});

describe('the overview', () => {
  it('charts proposals per status in the vocabulary order and lists those in flight', () => {
    const catalogue = catalogueOf(folder());
    expect(countByStatus(catalogue, DEFAULT_VOCABULARY)).toEqual([
      { status: 'In Discussion', count: 1 },
      { status: 'Design Approved', count: 1 },
      { status: 'Merged', count: 1 },
      { status: 'No known status', count: 1 },
    ]);
    expect(statusChart(catalogue, DEFAULT_VOCABULARY)).toBe(
      [
        '```mermaid',
        'pie showData title Proposals per status',
        '    "In Discussion" : 1',
        '    "Design Approved" : 1',
        '    "Merged" : 1',
        '    "No known status" : 1',
        '```',
      ].join('\n'),
    );
    const overview = renderOverview(catalogue, { vocabulary: DEFAULT_VOCABULARY });
    expect(overview).toContain('**2 of 4 proposals in discussion or approved but not merged:**');
    expect(overview).toContain('| 2 | Second | Design Approved | Cy |');
    expect(overview).toContain('| 3 | Third | In Discussion | — |');
    expect(overview).not.toContain('<details>');
  });

  it('folds a long list into <details>', () => {
    const files: Record<string, string> = { 'klip-template.md': TEMPLATE };
    for (let n = 1; n <= 30; n++) files[`klip-${n}-x.md`] = klip({ number: n, title: `P${n}` });
    const overview = renderOverview(catalogueOf(files), { vocabulary: DEFAULT_VOCABULARY });
    expect(overview).toContain('<details>\n<summary>30 of 30 proposals');
  });
});

describe('klip-lint list', () => {
  it('prints a table by default, JSON and Markdown on demand', async () => {
    const root = repo();
    const table = await runCli(['list'], root);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[1]).toMatch(
      /^1\s+Merged\s+First\s+Ann Lee \(@ann\), Bo Chen\s+0\.9\.0\s+Merged/,
    );
    const json = await runCli(['list', '--format', 'json'], root);
    const parsed = JSON.parse(json.stdout) as { version: number; proposals: Entry[] };
    expect(parsed.version).toBe(1);
    expect(parsed.proposals.map((entry) => [entry.number, entry.status])).toEqual([
      [1, 'Merged'],
      [2, 'Design Approved'],
      [3, 'In Discussion'],
      [5, null],
    ]);
    const markdown = await runCli(['list', FOLDER, '--format', 'markdown'], root);
    expect(markdown.stdout.split('\n')[0]).toBe(
      '| KLIP | Title | Status | Authors | Release target | Discussion | Index status | Releases |',
    );
  });

  it('filters with --status (canonical or alias) and --author', async () => {
    const root = repo();
    const numbers = async (...args: string[]) =>
      (
        JSON.parse((await runCli(['list', '--format', 'json', ...args], root)).stdout) as {
          proposals: Entry[];
        }
      ).proposals.map((entry) => entry.number);
    expect(await numbers('--status', 'Design Approved')).toEqual([2]);
    expect(await numbers('--status', 'approved')).toEqual([2]);
    expect(await numbers('--status', '_Discussion_')).toEqual([3]);
    expect(await numbers('--author', 'bo chen')).toEqual([1]);
    const bad = await runCli(['list', '--status', 'Finished'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--status "Finished" is not a status; use one of Proposal, In Discussion',
    );
    expect((await runCli(['list', '--format', 'sarif'], root)).code).toBe(2);
  });

  const corpus = join(ROOT, '..', 'shared', 'corpus', 'ksql-design-proposals');
  (existsSync(corpus) ? it : it.skip)(
    'lists every proposal of the real folder with the number and canonical status its file gives',
    async () => {
      const root = tempDir();
      cpSync(corpus, join(root, FOLDER), { recursive: true });
      const result = await runCli(['list', '--format', 'json'], root);
      expect(result.code).toBe(0);
      const listed = (JSON.parse(result.stdout) as { proposals: Entry[] }).proposals;
      const files = readdirSync(corpus).filter(
        (name) => name.endsWith('.md') && name !== 'README.md' && name !== 'klip-template.md',
      );
      expect(listed.map((entry) => entry.file).sort()).toEqual(
        files.map((name) => `${FOLDER}/${name}`).sort(),
      );
      // Read here independently of the parser: the first Status line, decoration and aliases removed.
      const canonical: Record<string, string> = {
        'in discussion': 'In Discussion',
        discussion: 'In Discussion',
        'design approved': 'Design Approved',
        approved: 'Design Approved',
        accepted: 'Design Approved',
        'in development': 'In Development',
        merged: 'Merged',
      };
      for (const name of files) {
        const entry = listed.find((item) => item.file === `${FOLDER}/${name}`) as Entry;
        expect(entry.number).toBe(Number(/^klip-(\d+)/.exec(name)?.[1]));
        const line = /^\s*\**Status\**\s*:\s*(.*)$/im.exec(
          readFileSync(join(corpus, name), 'utf8'),
        );
        const value = (line?.[1] ?? '')
          .replace(/\|\s*$/, '')
          .replace(/[_*]/g, '')
          .trim()
          .toLowerCase();
        expect([name, entry.status]).toEqual([name, canonical[value] ?? null]);
      }
    },
  );
});

describe('the index row a proposal gets', () => {
  it('is the one linking to its file when two rows share its number', () => {
    const files = {
      'README.md': index(
        [row(7, 'klip-7-old-name.md', 'Proposal'), row(7, 'klip-7-new.md', 'Merged')],
        8,
      ),
      'klip-7-new.md': klip({ number: 7, status: 'Merged' }),
    };
    const [entry] = catalogueOf(files).proposals;
    expect(entry?.index?.status).toBe('Merged');
  });
});
