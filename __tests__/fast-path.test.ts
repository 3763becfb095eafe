import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { lint } from '../src/core/engine.js';
import { comparePaths, sortByPath } from '../src/model/path-order.js';
import { parseIndex, parseIndexFully, parseIndexQuickly } from '../src/parse/index-readme.js';
import { defuse, parseMarkdown, parseMarkdownFully } from '../src/parse/markdown.js';
import { parsePlainMarkdown } from '../src/parse/fast/plain-markdown.js';
import { parseInPieces } from '../src/parse/fast/pieces.js';
import { Git } from '../src/sources/git.js';
import { touchedPaths } from '../src/model/file-change.js';
import type { FileNote } from '../src/sources/decode.js';
import { GitSnapshot, readChange, readInput, WorkTreeSnapshot } from '../src/sources/snapshot.js';
import { layoutOf } from '../src/model/layout.js';
import { PARALLEL_BYTES } from '../src/sources/parallel.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { git } from './helpers/git.js';
import { builtBundle, ROOT, runBuiltCli, runCli, tempDir, writeFiles } from './helpers/run.js';

// npm test runs a sample; `npm run fuzz` runs the same properties FUZZ_RUNS times (default 5000).
const runs = Number(process.env.FUZZ_RUNS ?? 100);
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
    fc.constantFrom('Title', 'A: b - c', "It's 'quoted'", '', '_Draft_ *x*'),
    fc.constantFrom(
      'Merged',
      'In Discussion',
      '',
      'Proposal ',
      '-',
      '_Merged_',
      '**Approved**',
      'a*b_c ~d~',
    ),
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
    // Statuses in italics, as real indexes write them, are plain text: emphasis is not parsed.
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(i + 1, i % 7 ? `klip-${i + 1}-x.md` : null, i % 2 ? '_Merged_' : 'Proposal'),
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

// Pieces of lines on both sides of what the line-by-line reading of proposals takes on.
const PHRASES = [
  'stream',
  'KLIP 7 - Title',
  'é ü 😀',
  '**Status**: Merged |',
  '_a_',
  '| a | b |',
  '#',
  '# x #',
  '1.',
  '2)',
  '-',
  '*',
  '+',
  '!',
  '(x)',
  '"q"',
  '&',
  '&amp;',
  '&#35;',
  '<',
  '<b>',
  'a < b',
  'a <',
  '<1@x.y>',
  '< ',
  '<http://x.y>',
  '\\',
  '\\*',
  '`',
  '``',
  '` `',
  '`a`',
  '` a `',
  '``a`b``',
  '[',
  ']',
  '[a]',
  '[a](b.md)',
  '[](x)',
  '[a `c`](b)',
  '[a](b.md) x',
  '![i](p.png)',
  '![](p.png)',
  '[a](<b c>)',
  '[a](b "t")',
  '[a](b(c))',
  '[a]: b.md',
  '[a][b]',
  'http://x.y/z',
  '<!--',
  '-->',
  '<!-- klip-lint-disable title-format -->',
  '\t',
  '\u00a0',
  '',
];
const BLOCK_STARTS = [
  '# ',
  '## ',
  '###### ',
  '####### ',
  '#',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '3. ',
  '1) ',
  '-',
  '-  ',
  ' ',
  '  - ',
  '    ',
  '> ',
  '=',
];
const LINES = [
  '',
  ' ',
  '```',
  '```sql',
  '``` sql  x y ',
  '~~~',
  '````',
  '``` a`b',
  '  ```',
  '```\t',
  '---',
  '***',
  '___',
  '===',
  '- - -',
  '--',
  '<!-- a comment',
  '<!-- klip-lint-disable-next-line -->',
  '<!-->',
  '-->',
  '<div>',
  '|---|---|',
];
// What the line-by-line reading takes on, so that generated documents often are all plain.
const PLAIN_PHRASES = [
  'stream',
  'é 😀',
  '**Status**: x |',
  '_a_',
  '| a |',
  '`a`',
  '` a `',
  '[a](b.md)',
  '![i](p.png)',
  '#',
  '&',
  '!',
];
const PLAIN_LINES = [
  '',
  '```sql\nSELECT 1;\n\n  x\n```',
  '~~~~\n```\n~~~~',
  '<!-- a\nb -->',
  '<!-- klip-lint-enable -->',
];

function documents(phrases: string[], starts: string[], lines: string[]) {
  const inline = fc
    .tuple(
      fc.array(fc.constantFrom(...phrases), { minLength: 1, maxLength: 5 }),
      fc.constantFrom(' ', ''),
    )
    .map(([words, glue]) => words.join(glue));
  const line = fc.oneof(
    { weight: 4, arbitrary: inline },
    { weight: 1, arbitrary: inline.map((text) => `${text}${' '.repeat(1 + (text.length % 3))}`) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...starts), inline).map(([a, b]) => a + b),
    },
    { weight: 2, arbitrary: fc.constantFrom(...lines) },
  );
  return fc
    .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', ''))
    .map(([all, end]) => all.join('\n') + end);
}
const markdown = fc.oneof(
  documents(PHRASES, BLOCK_STARTS, LINES),
  documents(PLAIN_PHRASES, ['# ', '## ', '- ', '* ', '1. ', '4) ', '  ', '   '], PLAIN_LINES),
  fc
    .tuple(
      documents(PLAIN_PHRASES, ['## ', '- ', '2. '], PLAIN_LINES),
      documents(PHRASES, BLOCK_STARTS, LINES),
    )
    .map(([plain, odd]) => plain + '\n' + odd.slice(0, 40)),
  // Block quotes: of paragraphs, headings, code, lists and quotes, apart or lazy.
  documents(
    PLAIN_PHRASES,
    ['> ', '>', '>  ', '> > ', '>> ', '> - ', '> 1. ', '> # ', '- ', '# '],
    [
      ...PLAIN_LINES,
      '>',
      '> ',
      '> ```sql\n> x\n>   y\n> ```',
      '>```\n>```',
      '> <!-- c -->',
      '> ---',
    ],
  ),
);

/** Every Markdown file we have of real proposals: the examples, and the corpus when it is beside. */
function realProposals(): string[] {
  const folders = [
    join(ROOT, 'examples/design-proposals'),
    join(ROOT, '../shared/corpus/ksql-design-proposals'),
  ].filter((folder) => existsSync(folder));
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(folder, name), 'utf8')),
  );
}

describe('the line-by-line reading of proposals', () => {
  it("gives exactly remark's tree whenever it applies", () => {
    let applied = 0;
    fc.assert(
      fc.property(markdown, (text) => {
        const plain = parsePlainMarkdown(text);
        if (!plain) return;
        applied++;
        expect(plain).toEqual(parseMarkdownFully(text));
      }),
      { numRuns: runs * 3 },
    );
    // The property says something only if the line-by-line reading runs on a good share.
    expect(applied).toBeGreaterThan(runs / 5);
  });

  it("gives remark's tree for every real proposal it reads, and reads the plain ones", () => {
    const texts = realProposals();
    const read = texts.filter((text) => {
      // As parseMarkdown reads it: what remark could not take in bounded time defused first.
      const plain = parsePlainMarkdown(defuse(text));
      if (plain && !isDeepStrictEqual(plain, parseMarkdownFully(text))) {
        expect(plain).toEqual(parseMarkdownFully(text));
      }
      return plain !== null;
    });
    expect(read.length).toBeGreaterThanOrEqual(10);
    for (const text of texts) expect(parseMarkdown(text)).toEqual(parseMarkdownFully(text));
  });

  it('reads a plain proposal line by line, and leaves the rest to remark', () => {
    const plain = klip({ number: 3 });
    expect(parsePlainMarkdown(plain)).toEqual(parseMarkdownFully(plain));
    const quoted = '> quoted\n>\n> ```sql\n> SELECT 1;\n> ```\n\n> > nested\n\nafter';
    expect(parsePlainMarkdown(quoted)).toEqual(parseMarkdownFully(quoted));
    for (const text of ['> lazy\nline', '> - a\n>\n> b', '- a\n  - nested', 'a\\\nb', '<b>x</b>'])
      expect(parsePlainMarkdown(text)).toBeNull();
    expect(parsePlainMarkdown('```\nunclosed')).toBeNull();
  });
});

// What can come before a heading line and swallow it, or not: code, HTML, containers, definitions.
const SECTION_LINES = [
  '```',
  '```sql',
  '~~~',
  '  ```',
  '   ~~~',
  '- ```',
  '> ```',
  '<div>',
  '</div>',
  '<pre>',
  '</pre>',
  '<!-- open',
  '<!-- one -->',
  '<!-->',
  '-->',
  '<custom-tag>',
  '- item',
  '  - nested',
  '1. step',
  '> quote',
  '    indented',
  '\tcode',
  'text',
  'text\\',
  'text  ',
  '===',
  '---',
  '[a]: klip-1-x.md',
  'see [a]',
  '',
];
const HEADING_LINES = [
  '# KLIP 1 - T',
  '## Motivation',
  '### a `b`',
  '#',
  '## x ##',
  '#\tTab',
  '####### no',
];
const sectioned = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(...HEADING_LINES),
        fc.oneof(
          documents(PLAIN_PHRASES, ['- ', '1. ', '  '], PLAIN_LINES),
          fc
            .array(fc.constantFrom(...SECTION_LINES), { maxLength: 4 })
            .map((lines) => lines.join('\n')),
          documents(PHRASES, BLOCK_STARTS, LINES),
        ),
      ),
      { minLength: 1, maxLength: 8 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([sections, eol]) =>
    sections
      .map(([heading, body]) => `${heading}\n${body}`)
      .join('\n')
      .replace(/\n/g, eol),
  );

describe('the reading of proposals piece by piece', () => {
  it("gives exactly remark's tree, wherever the headings and blank lines are", () => {
    let split = 0;
    fc.assert(
      fc.property(fc.oneof(sectioned, markdown), (text) => {
        let pieces = 0;
        const tree = parseInPieces(
          text,
          (piece) => {
            pieces++;
            return parsePlainMarkdown(piece);
          },
          parseMarkdownFully,
        );
        expect(tree).toEqual(parseMarkdownFully(text));
        if (pieces > 1) split++;
        // Through the whole reading (the line-by-line one first) too.
        expect(parseMarkdown(text)).toEqual(parseMarkdownFully(text));
      }),
      { numRuns: runs * 3 },
    );
    // The property says something only if files are often read in more than one piece.
    expect(split).toBeGreaterThan(runs / 2);
  });

  it('keeps together what a heading or a blank line does not end', () => {
    const texts = [
      '# T\n```sh\n# a comment\n```\n## S\ntext',
      '# T\n<div>\n# inside\n</div>\n\n## S\n> q',
      '# T\n- a\n   ```\n# H1\n```\n## H2\n```',
      '# T\n<!-- x\n# y\n-->\n## S\n`a',
      '# T\nsee [a]\n## S\n[a]: x.md',
      '# T\n- a\n\nb\n\n- c\n\n  d\n\ne\n\n> f\n\ng',
      '# T\n<pre>\n\nx\n\n</pre>\n\ny\n\n    code\n\n    more\nz',
      `# T\n${Array.from({ length: 40 }, (_, i) => `<div>\n# ${i}`).join('\n')}\n## end`,
      // More blocks than pieces: some are read together.
      `${Array.from({ length: 600 }, (_, i) => `p${i} \\*\n\n`).join('')}- l\n\nend`,
    ];
    for (const text of texts) expect(parseMarkdown(text)).toEqual(parseMarkdownFully(text));
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
      'klip-0-x.md',
      'klip-1234567890-x.md',
      'klip-999999999-x.md',
      'klip-template.md',
      'README.md',
      'klip-1-a.md',
      'klip-1-b.md',
      'klip-10.md',
    ),
    fc.string({ maxLength: 8 }),
  );
  const anyPath = fc
    .tuple(
      fc.constantFrom(
        '',
        'design-proposals/',
        'Design/',
        'a/klip-2-x/',
        'klip-3-\n/',
        'a\u2028/b/',
      ),
      name,
    )
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
  it('gives the report of a run on one thread, and survives a worker that cannot start', async () => {
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
    // The built bin, with its worker bundle beside it: the folder is parsed on every core.
    const parallel = report(runBuiltCli(['d', '--format', 'json', '--fail-on', 'never'], root));
    // Files named one by one are checked on one thread only (and here, from the sources).
    const names = Object.keys(files).filter((name) => name.startsWith('klip-'));
    const alone = report(
      await runCli(
        [...names.map((name) => `d/${name}`), '--format', 'json', '--fail-on', 'never'],
        root,
      ),
    );
    expect(parallel.findings.length).toBeGreaterThan(40);
    expect(parallel).toEqual(alone);

    // A copy of the CLI without its worker bundle parses every batch on this thread.
    const copy = join(root, 'bin', 'cli');
    mkdirSync(copy, { recursive: true });
    for (const name of ['index.js', 'package.json']) {
      copyFileSync(builtBundle(`dist/cli/${name}`), join(copy, name));
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

describe("the head's listing, taken from the base's and the change", () => {
  const D = 'design-proposals';
  const FOLDERS = ['', D, `${D}/sub`, `${D}/new`, 'docs', 'docs/deep'];
  const START = [
    `${D}/README.md`,
    `${D}/klip-1-a.md`,
    `${D}/klip-2-b.md`,
    `${D}/klip 3 'c'.md`,
    `${D}/sub/klip-4-d.md`,
    `${D}/sub/notes.txt`,
    'docs/guide.md',
    'docs/deep/x.md',
    'README.md',
  ];
  const NEW = [
    `${D}/klip-9-new.md`,
    `${D}/new/klip-8.md`,
    `${D}/sub/klip-7.md`,
    'docs/new.md',
    'top.md',
  ];
  const op = fc.oneof(
    fc.tuple(fc.constant('edit'), fc.constantFrom(...START)),
    fc.tuple(fc.constant('delete'), fc.constantFrom(...START)),
    fc.tuple(fc.constant('add'), fc.constantFrom(...NEW)),
    fc.tuple(fc.constant('rename'), fc.constantFrom(...START), fc.constantFrom(...NEW)),
    fc.tuple(fc.constant('symlink'), fc.constantFrom(...START, ...FOLDERS.slice(1))),
    fc.tuple(fc.constant('submodule'), fc.constantFrom(...START, ...FOLDERS.slice(1))),
    fc.tuple(fc.constant('file'), fc.constantFrom(...FOLDERS.slice(1))),
    fc.tuple(fc.constant('many'), fc.constantFrom(D, 'docs')),
  );

  /** Applies the operations to a clone's work tree and commits: what a pull request's head has. */
  function change(work: string, ops: (readonly string[])[]): void {
    const gitlinks: string[] = [];
    // What is at a path now; nothing when a folder above it became a file or a link.
    const statOf = (absolute: string) => {
      try {
        return lstatSync(absolute, { throwIfNoEntry: false });
      } catch {
        return undefined;
      }
    };
    // Makes every folder above a path a real folder again, whatever an earlier operation made it.
    const place = (absolute: string) => {
      const parent = dirname(absolute);
      if (parent === work) return;
      place(parent);
      if (!statOf(parent)?.isDirectory()) {
        rmSync(parent, { force: true });
        mkdirSync(parent);
      }
    };
    for (const [kind, path, to] of ops as [string, string, string?][]) {
      const absolute = join(work, path);
      const clear = () => {
        try {
          rmSync(absolute, { recursive: true, force: true });
        } catch (error) {
          // Under a path an earlier operation made a file or a link: nothing there to remove.
          if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
        }
      };
      if (kind === 'edit' || kind === 'add') {
        place(absolute);
        clear();
        writeFileSync(absolute, `${kind} ${Math.random()}\n`);
      } else if (kind === 'delete') clear();
      else if (
        kind === 'rename' &&
        to &&
        statOf(absolute)?.isFile() &&
        !existsSync(join(work, to))
      ) {
        place(join(work, to));
        writeFileSync(join(work, to), readFileSync(absolute));
        clear();
      } else if (kind === 'symlink') {
        place(absolute);
        clear();
        symlinkSync('/etc/passwd', absolute);
      } else if (kind === 'submodule') {
        // A repository inside: git records it as a submodule (a commit id, no files).
        place(absolute);
        clear();
        mkdirSync(absolute);
        git(absolute, 'init', '-q');
        writeFileSync(join(absolute, 'README.md'), 'inside\n');
        git(absolute, 'add', '-A');
        git(absolute, 'commit', '-q', '-m', 'inside');
        gitlinks.push(path);
      } else if (kind === 'file') {
        place(absolute);
        clear();
        writeFileSync(absolute, 'now a file\n');
      } else if (kind === 'many') {
        place(absolute);
        if (!statOf(absolute)?.isDirectory()) {
          clear();
          mkdirSync(absolute);
        }
        for (let i = 0; i < 70; i++) writeFileSync(join(absolute, `klip-${100 + i}-x.md`), 'x\n');
      }
    }
    git(work, 'add', '-A');
    // The submodules' commits are here too, as when they are in the same repository.
    for (const path of gitlinks.filter((path) => existsSync(join(work, path, '.git')))) {
      git(work, 'fetch', '-q', `./${path}`, 'HEAD');
    }
    // A contributor's .gitmodules asking git to hide what its submodules do.
    if (gitlinks.length > 0) {
      const modules = gitlinks.map(
        (path) => `[submodule "${path}"]\n\tpath = ${path}\n\turl = ./x\n\tignore = all\n`,
      );
      writeFileSync(join(work, '.gitmodules'), modules.join(''));
      git(work, 'add', '.gitmodules');
    }
    git(work, 'commit', '-q', '--allow-empty', '-m', 'change');
  }

  async function view(snapshot: GitSnapshot) {
    const seen = [];
    for (const folder of FOLDERS) {
      const entries = await snapshot.list(folder);
      seen.push({
        folder,
        kind: await snapshot.folderKind(folder),
        entries: [...entries].sort((a, b) => (a.path < b.path ? -1 : 1)),
        exists: [...START, ...NEW].filter(
          (path) => path.startsWith(folder) && snapshot.exists(path),
        ),
        text: await snapshot.readText(`${folder ? `${folder}/` : ''}README.md`),
      });
    }
    return seen;
  }

  it('is the listing of the head itself, whatever the change did; so is what is read', async () => {
    let taken = 0;
    const work = tempDir('klip-lint-listing-');
    git(work, 'init', '-q');
    writeFiles(work, Object.fromEntries(START.map((path) => [path, `${path}\n`])));
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'base');
    const base = git(work, 'rev-parse', 'HEAD');
    const repo = new Git(work);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        git(work, 'checkout', '-q', '-f', '--detach', base);
        git(work, 'clean', '-q', '-ffdx');
        change(work, ops);
        const head = git(work, 'rev-parse', 'HEAD');
        const paths = touchedPaths(repo.diff(base, head, ''));
        const since = { snapshot: new GitSnapshot(repo, base), paths };
        const derived = new GitSnapshot(repo, head, since);
        const direct = await view(new GitSnapshot(repo, head));
        expect(await view(derived)).toEqual(direct);
        // Nothing is read from inside a submodule, even when its commit is in this repository.
        for (const folder of direct.filter((seen) => seen.kind === 'submodule')) {
          expect([folder.entries, folder.text]).toEqual([[], null]);
        }
        // The head's input from the base's read and the change, as a pull request reads it.
        for (const layout of [layoutOf(DEFAULT_CONFIG), layoutOf(DEFAULT_CONFIG, 'docs')]) {
          for (const needed of [undefined, (path: string) => paths.includes(path)]) {
            const baseRead = await readInput(since.snapshot, layout, { needed });
            const read = await readChange(baseRead, derived, layout, paths, { needed });
            const full = await readInput(new GitSnapshot(repo, head), layout, { needed });
            if (!read) continue;
            taken++;
            const touched = (notes: FileNote[]) =>
              notes.filter((note) => paths.includes(note.file));
            expect([read.input.proposals, read.input.index, read.input.template]).toEqual([
              full.input.proposals,
              full.input.index,
              full.input.template,
            ]);
            expect(touched(read.notes)).toEqual(touched(full.notes));
          }
        }
      }),
      { numRuns: Math.max(10, Math.round(runs / 10)) },
    );
    // Most changes leave the index and the folder itself alone: the reads are taken over.
    expect(taken).toBeGreaterThan(Math.max(10, Math.round(runs / 10)));
  });
});
