import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { comparePaths, lint, sortByPath } from '../src/engine.js';
import { parseIndex, parseIndexFully, parseIndexQuickly } from '../src/parse/index-readme.js';
import { layoutOf, readInput, WorkTreeSnapshot } from '../src/sources/snapshot.js';
import { PARALLEL_BYTES } from '../src/parallel.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { ROOT, runCli, tempDir, writeFiles } from './helpers/run.js';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const path = 'design-proposals/README.md';

const PROSE = [
  '',
  '# Proposals',
  'Next KLIP number: **7**',
  'Some text with a [link](x.md) and `code`.',
  '<!-- klip-lint-disable index-status -->',
  '<!-- klip-lint-enable -->',
  '```',
  '> a quote',
  '- an item',
  '| not | a table |',
  '[ref]: klip-3-c.md',
  '    indented',
];
const HEADERS = [
  '| KLIP | Status | Release |',
  '| Status | KLIP |',
  '|KLIP|Status|',
  '| KLIP | Other |',
  '| KLIP | Status',
  'KLIP | Status |',
  '| KLIP | Status | \\| |',
];
const DELIMITERS = [
  '|---|---|---|',
  '|---|:---:|',
  '|:--|--:|',
  '---|---',
  '| - | - | - |',
  '|---|',
];
const ODD_ROWS = [
  '| [KLIP-1](a b.md) | x |',
  '| KLIP-2 \\| x | y |',
  '| `a|b` KLIP-3 | c |',
  '| KLIP-4 <br> | Merged |',
  '| ![i](x.png) KLIP-5 | y |',
  '| [KLIP-6][ref] | z |',
  '| &amp; KLIP-7 | a &lt; |',
  '|\tKLIP-8\t|\tMerged\t|   ',
  '|---|---|',
  '|',
  '||',
  '| a |',
  '  | KLIP-9 | Indented |',
  '| [KLIP-10: a](k.md) and [b](c) | **Merged** |',
  '| KLIP-11 | Merged | extra | cells | here |',
  '| [](x) | |',
  '| [KLIP-12](x.md) | Merged',
  '| [KLIP-13 (draft)](klip-13.md) | _Proposal_ |',
  '| [KLIP-14](<a b.md>) | x |',
  '| [KLIP-15](x.md "title") | x |',
  '| KLIP-16 \u00a0| \u2003Merged\u00a0 |',
  '| KLIP\u000017 | x\u0000 |',
  `| KLIP-18 | ${'[a]('.repeat(300)} |`,
  `| KLIP-19 ${'*'.repeat(1001)} | x |`,
  '| <!-- klip-lint-disable --> | x |',
];

const plainRow = fc
  .tuple(
    fc.nat({ max: 9999 }),
    fc.constantFrom('Title', 'A: b - c', "It's 'quoted'", ''),
    fc.constantFrom('Merged', 'In Discussion', '', 'Proposal ', '-'),
    fc.boolean(),
    fc.constantFrom('', '   ', '\t'),
  )
  .map(([number, title, status, linked, pad]) => {
    const name = `KLIP-${number}: ${title}`;
    const cell = linked ? `[${name}](klip-${number}-x.md)` : name;
    return `|${pad}${cell} | ${status}${pad}| 0.${number} | |${pad}`;
  });

const anyRow = fc.oneof(
  { arbitrary: plainRow, weight: 40 },
  { arbitrary: fc.constantFrom(...ODD_ROWS), weight: 2 },
  { arbitrary: fc.tuple(fc.string(), fc.string()).map(([a, b]) => `| ${a} | ${b} |`), weight: 1 },
);

const indexText = fc
  .tuple(
    fc.array(fc.constantFrom(...PROSE), { maxLength: 6 }),
    fc.oneof(
      { arbitrary: fc.constant(0), weight: 3 },
      { arbitrary: fc.nat({ max: HEADERS.length - 1 }), weight: 1 },
    ),
    fc.oneof(
      { arbitrary: fc.constant(0), weight: 3 },
      { arbitrary: fc.nat({ max: DELIMITERS.length - 1 }), weight: 1 },
    ),
    fc.array(anyRow, { maxLength: 25 }),
    fc.array(fc.oneof(fc.constantFrom(...PROSE), fc.constant('after')), { maxLength: 6 }),
    fc.boolean(),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([before, header, delimiter, rows, after, blank, eol]) =>
    [
      ...before,
      '',
      HEADERS[header],
      DELIMITERS[delimiter],
      ...rows,
      ...(blank ? [''] : []),
      ...after,
    ].join(eol),
  );

describe('the quick reading of the index', () => {
  it('gives exactly what the full parse gives whenever it applies', () => {
    let applied = 0;
    fc.assert(
      fc.property(indexText, (text) => {
        const quick = parseIndexQuickly({ path, text });
        if (!quick) return;
        applied++;
        expect(quick).toEqual(parseIndexFully({ path, text }));
      }),
      { numRuns: runs },
    );
    // The property says something only if the quick path runs on a good share of the inputs.
    expect(applied).toBeGreaterThan(runs / 10);
  });

  it('applies to an index of thousands of rows, keeping every link and comment', () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(i + 1, i % 7 ? `klip-${i + 1}-x.md` : null, i % 2 ? 'Merged' : 'Proposal'),
    );
    const text = `${index(rows, 3001)}\n<!-- klip-lint-disable-next-line index-status -->\nAfter.\n`;
    const quick = parseIndexQuickly({ path, text });
    expect(quick?.rows).toHaveLength(3001);
    expect(quick?.rows[2]?.href).toBe('klip-2-x.md');
    expect(quick?.suppressions[0]?.range.line).toBe(text.split('\n').length - 2);
    expect(quick).toEqual(parseIndexFully({ path, text }));
    expect(parseIndex({ path, text })).toEqual(quick);
  });

  it('leaves an index it cannot read line by line to the full parse', () => {
    const text = index([row(1, 'klip-1-a.md', 'Merged'), '| KLIP-2 \\| x | Merged | | | |'], 3);
    expect(parseIndexQuickly({ path, text })).toBeNull();
    expect(parseIndex({ path, text }).rows.map((entry) => entry.number)).toEqual([null, 1, 2]);
  });
});

describe('sorting a folder by path', () => {
  const name = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('klip-', 'KLIP-', 'klip_', 'klip'),
        fc.nat({ max: 20000 }),
        fc.constantFrom('-a.md', '-B.md', '.md', '-'),
      )
      .map(([prefix, number, rest]) => `${prefix}${number}${rest}`),
    fc.constantFrom(
      'klip-007-x.md',
      'klip-template.md',
      'README.md',
      'klip-1-a.md',
      'klip-1-b.md',
      'klip-10.md',
    ),
    fc.string({ maxLength: 8 }),
  );
  const anyPath = fc
    .tuple(fc.constantFrom('', 'design-proposals/', 'Design/', 'a/klip-2-x/'), name)
    .map(([folder, file]) => folder + file);

  it('gives the collator order', () => {
    fc.assert(
      fc.property(fc.array(anyPath, { maxLength: 60 }), (paths) => {
        expect(sortByPath(paths, (p) => p)).toEqual([...paths].sort(comparePaths));
        // Sorting the same names again (the other end of a change) reuses the order, for new items.
        const entries = paths.map((path, id) => ({ path, id }));
        const sorted = sortByPath(entries, (entry) => entry.path);
        expect(sorted.map((entry) => entry.path)).toEqual([...paths].sort(comparePaths));
        expect(new Set(sorted)).toEqual(new Set(entries));
      }),
      { numRuns: runs },
    );
  });
});

describe('linting some proposals of a folder', () => {
  it('gives exactly the findings of a full run for those proposals and the index', async () => {
    const layout = layoutOf(DEFAULT_CONFIG);
    const { input } = await readInput(new WorkTreeSnapshot(join(ROOT, 'examples')), layout);
    const full = lint(input).findings;
    expect(full.length).toBeGreaterThan(20);
    for (const proposal of input.proposals) {
      const targeted = lint({ ...input, targets: new Set([proposal.path]) }).findings;
      const expected = full.filter(
        (finding) => finding.file === proposal.path || finding.file === input.index?.path,
      );
      expect(targeted).toEqual(expected);
    }
  });
});

describe('parsing a large folder on every core', () => {
  it('gives the report of a run on one thread, and survives a worker that cannot start', () => {
    // Above PARALLEL_BYTES, with proposals of varied shape and a file that cannot be read.
    const root = tempDir('klip-lint-parallel-');
    const files: Record<string, string> = {
      'README.md': index(
        Array.from({ length: 260 }, (_, i) => row(i + 1, `klip-${i + 1}-p.md`, 'In Discussion')),
        261,
      ),
      'klip-template.md': TEMPLATE,
      'klip-999-binary.md': 'a\u0000b',
    };
    for (let number = 1; number <= 260; number++) {
      files[`klip-${number}-p.md`] = klip({
        number,
        status: number % 7 ? 'In Discussion' : 'Merged',
        body: (name) =>
          `${`Text about ${name}. `.repeat(60)}See [the next](klip-${number + 1}-p.md).`,
      });
    }
    writeFiles(
      root,
      Object.fromEntries(Object.entries(files).map(([name, text]) => [`d/${name}`, text])),
    );
    const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(bytes).toBeGreaterThan(PARALLEL_BYTES);

    const report = (result: { code: number | null; stdout: string }) => {
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as { findings: unknown[] };
    };
    const parallel = report(runCli(['d', '--format', 'json', '--fail-on', 'never'], root));
    // Files named one by one are checked on this thread only.
    const names = Object.keys(files).filter((name) => name.startsWith('klip-'));
    const alone = report(
      runCli([...names.map((name) => `d/${name}`), '--format', 'json', '--fail-on', 'never'], root),
    );
    expect(parallel.findings.length).toBeGreaterThan(40);
    expect(parallel).toEqual(alone);

    // A copy of the CLI without its worker bundle parses every batch on this thread.
    const copy = join(root, 'bin', 'cli');
    mkdirSync(copy, { recursive: true });
    for (const name of ['index.js', 'package.json']) {
      copyFileSync(join(ROOT, 'dist/cli', name), join(copy, name));
    }
    const result = spawnSync(
      process.execPath,
      [join(copy, 'index.js'), 'd', '--format', 'json', '--fail-on', 'never'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    expect(report({ code: result.status, stdout: result.stdout })).toEqual(parallel);
  });
});
