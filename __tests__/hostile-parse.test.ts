import picomatch from 'picomatch';
import { globMatcher } from '../src/config/glob.js';
import { lint } from '../src/core/engine.js';
import { parseKlip } from '../src/parse/document.js';
import { parseIndex } from '../src/parse/index-readme.js';
import { boundBlocks, MAX_BLOCK_STRUCTURES } from '../src/parse/fast/bounded.js';
import { BUILTIN_TEMPLATE } from '../src/parse/template.js';
import { parseMarkdownFully } from '../src/parse/markdown.js';
import { index, klip, lintFolder, only, row } from './helpers/fixtures.js';

/** About `bytes` of one shape. */
const fill = (make: (i: number) => string, bytes: number) => {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += make(i);
  return text;
};

const HEAD = klip({ number: 7, title: 'Hostile' });

/** Shapes that make remark's time grow with their count times the file's size. */
const SHAPES: Record<string, (i: number) => string> = {
  'separate block quotes': (i) => `> quote ${i}\n\n`,
  'setext headings': (i) => `Heading ${i}\n===\n\n`,
  'setext headings, no blank line': (i) => `Heading ${i}\n---\n`,
  'lazy block quote lines': (i) => (i === 0 ? '> start\n' : `lazy ${i}\n`),
  'nested lists': (i) => `- a\n  - b ${i}\n`,
  'lists between paragraphs, then a quote': (i) => `- item ${i}\n\ntext\n\n${i ? '' : '> q\n\n'}`,
  'ordered lists between paragraphs, then a quote': (i) =>
    `${i + 1}) item\n\ntext\n\n${i ? '' : '> q\n\n'}`,
  'block quotes between headings': (i) => `> q ${i}\n# h\n`,
  'lists in block quotes': (i) => `> - x ${i}\n\n`,
  'block quotes in lists': (i) => `- > x ${i}\n\n`,
  'definitions in block quotes': (i) => `> [d${i}]: /u${i}\n\n`,
  'block quotes with CRLF': (i) => `> quote ${i}\r\n\r\n`,
  'lists and block quotes in turn': (i) => `- a ${i}\n> q\n`,
  'lists closing inside a block quote': (i) => `> - a ${i}\n> b\n`,
};

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const parse = (text: string) =>
  parseKlip({ path: 'design-proposals/klip-7-hostile.md', text }, BUILTIN_TEMPLATE);

describe('parsing time is bounded by the file size, whatever the block structure', () => {
  const size = 150_000;
  // Paragraphs of the same size through remark: what a file of this size costs. Timed tests are
  // noisy on a loaded machine, so the bound is loose: quadratic shapes cost hundreds of times more.
  let plain = Infinity;
  beforeAll(() => {
    const text = `${HEAD}\n${fill((i) => `Paragraph ${i} of text.\n\n`, size)}`;
    parseMarkdownFully(text);
    for (let run = 0; run < 2; run++)
      plain = Math.min(plain, timed(() => parseMarkdownFully(text)).ms);
  });

  it.each(Object.entries(SHAPES))('%s: read as text, and said so', (_, make) => {
    const text = `${HEAD}\n${fill(make, size)}`;
    const { value: document, ms } = timed(() => parse(text));
    expect(ms).toBeLessThan(4 * plain + 1000);
    expect(document.partial?.structures).toBeGreaterThan(MAX_BLOCK_STRUCTURES);
    // What comes before them reads as it is.
    expect(document.title?.number).toBe(7);
    expect(document.fields.map((field) => field.key)).toContain('status');
  });

  it.each([
    ['14,000 separate block quotes', 14_000, (i: number) => `> q${i % 10}\n\n`],
    ['20,000 separate block quotes', 20_000, (i: number) => `> q${i % 10}\n\n`],
    ['10,000 setext headings', 10_000, (i: number) => `H${i % 10}\n=\n\n`],
    ['a full 1 MiB of block quotes', 200_000, (i: number) => `> q${i % 10}\n\n`],
  ])('%s: seconds, not minutes', (_, count, make) => {
    let text = `${HEAD}\n`;
    for (let i = 0; i < count && text.length < 1024 * 1024 - 10; i++) text += make(i);
    const { value: document, ms } = timed(() => parse(text));
    expect(ms).toBeLessThan(10_000);
    expect(document.partial?.structures).toBeGreaterThan(MAX_BLOCK_STRUCTURES);
  });

  it('once flattened, nothing of the kind is left for the parser', () => {
    for (const make of Object.values(SHAPES)) {
      const bounded = boundBlocks(fill(make, 20_000));
      expect(bounded.flattened).toBe(true);
      expect(bounded.text.length).toBe(fill(make, 20_000).length);
      expect(boundBlocks(bounded.text, 0).structures).toBeLessThanOrEqual(1);
    }
  });

  it('a real proposal is read whole: a few quotes, lists and setext headings', () => {
    const body = fill(
      (i) => `> note ${i}\n\n- a\n- b\n  - c\n\nHeading ${i}\n---\n\ntext\n\n`,
      2000,
    );
    const document = parse(`${HEAD}\n${body}`);
    expect(document.partial).toBeUndefined();
    expect(boundBlocks(body).structures).toBeLessThan(MAX_BLOCK_STRUCTURES);
  });

  it('code blocks are left alone, and count for nothing', () => {
    const code = '```\n' + fill((i) => `> q ${i}\n\n`, 20_000) + '```\n';
    const bounded = boundBlocks(code);
    expect(bounded.structures).toBe(0);
    expect(bounded.text).toBe(code);
  });

  it('lint gives one finding on the file, and the rules still run', () => {
    const findings = lintFolder({
      'README.md': index([row(7, 'klip-7-hostile.md', 'In Discussion')], 8),
      'klip-7-hostile.md': `${HEAD}\n${fill((i) => `> quote ${i}\n\n`, 30_000)}`,
    });
    const unread = only(findings, 'file-unreadable');
    expect(unread).toHaveLength(1);
    expect(unread[0]).toMatchObject({
      file: 'design-proposals/klip-7-hostile.md',
      severity: 'warning',
      line: 1,
      klip: 7,
      messageId: 'partlyChecked',
      message: expect.stringMatching(
        new RegExp(
          `^The file was not fully checked: it has \\d+ .*more than the ${MAX_BLOCK_STRUCTURES}`,
        ),
      ),
    });
    expect(only(findings, 'section-missing')).toHaveLength(0);
  });

  it('the index: block structures around the table are bounded too, and said', () => {
    const text =
      fill((i) => `> quote ${i}\n\n`, 60_000) +
      index([row(1, 'klip-1-a.md', 'Merged'), row(2, 'klip-2-b.md', 'In Discussion')], 3);
    const { value: parsed, ms } = timed(() =>
      parseIndex({ path: 'design-proposals/README.md', text }),
    );
    expect(ms).toBeLessThan(10_000);
    expect(parsed.partial?.structures).toBeGreaterThan(MAX_BLOCK_STRUCTURES);
    expect(parsed.rows.map((r) => r.number)).toEqual([null, 1, 2]);
    expect(parsed.nextNumber).toBe(3);
  });
});

describe('ignore globs match in linear time, as picomatch does', () => {
  it('a glob of many stars against a name of many dashes', () => {
    const match = globMatcher(['*-*-*-*-*-draft.md']);
    const name = `klip-1${'-'.repeat(5000)}x.md`;
    const { value, ms } = timed(() => match(name) || match(`design-proposals/${name}`));
    expect(value).toBe(false);
    expect(ms).toBeLessThan(2000);
    expect(match('klip-1-a-b-c-draft.md')).toBe(true);
  });

  it('many stars and globstars against long paths', () => {
    const match = globMatcher([
      '**/*a*a*a*a*a*a*a*a*b',
      '{a,b,c}*{a,b,c}*{a,b,c}*z',
      '**/**/**/**/x',
    ]);
    const path = `${'a/'.repeat(2000)}${'a'.repeat(5000)}`;
    const { value, ms } = timed(() => match(path));
    expect(value).toBe(false);
    expect(ms).toBeLessThan(5000);
  });

  it('braces cannot multiply without bound', () => {
    const pattern = '{a,b}'.repeat(40) + '{1..100000}';
    const { ms } = timed(() => globMatcher([pattern])('ab'));
    expect(ms).toBeLessThan(2000);
  });

  const patterns = [
    '*.md',
    'klip-1-*.md',
    '*-draft.md',
    '*-*-*-draft.md',
    '**/*.md',
    '**/drafts/*',
    'design-proposals/**',
    'design-proposals/*',
    'a/**/b.md',
    '**',
    '*',
    'klip-?-*.md',
    'klip-[0-9]-*.md',
    'klip-[^0-9]*.md',
    'klip-{1,2,30}-*.md',
    'klip-{1..3}-*.md',
    '!*.md',
    'klip-\\*.md',
    '.hidden*',
    'a**b.md',
  ];
  const paths = [
    'klip-1-a.md',
    'klip-2-b.md',
    'klip-30-c.md',
    'klip-x-y.md',
    'klip-*.md',
    'klip-1-a-b-draft.md',
    'notes.txt',
    '.hidden.md',
    'design-proposals/klip-1-a.md',
    'design-proposals/drafts/klip-9.md',
    'a/b.md',
    'a/x/y/b.md',
    'axxb.md',
    'ax/xb.md',
    'design-proposals',
    '',
  ];
  it('[!...] is a negated class, as in a shell', () => {
    const match = globMatcher(['klip-[!0-9]*.md']);
    expect(match('klip-x-y.md')).toBe(true);
    expect(match('klip-1-a.md')).toBe(false);
  });

  it.each(patterns)('%s gives what picomatch gives', (pattern) => {
    const ours = globMatcher([pattern]);
    const theirs = picomatch(pattern, { dot: true });
    for (const path of paths) expect([path, ours(path)]).toEqual([path, theirs(path)]);
  });
});

describe('ignore in a run', () => {
  it('a file named with 235 dashes against a glob of stars: quick, and ignored when it matches', () => {
    const name = `klip-9${'-'.repeat(235)}x.md`;
    const input = {
      folder: 'design-proposals',
      proposals: [
        { path: `design-proposals/${name}`, text: '# nothing' },
        { path: 'design-proposals/klip-8-a-b-c-d-draft.md', text: '# nothing' },
      ],
      index: null,
      template: null,
      exists: () => true,
      settings: {
        rules: {},
        ignore: { files: ['*-*-*-*-*-draft.md'], numbers: [] },
        baseline: null,
      },
    };
    const { value: result, ms } = timed(() => lint(input));
    expect(ms).toBeLessThan(5000);
    const files = new Set(result.findings.map((finding) => finding.file));
    expect(files.has(`design-proposals/${name}`)).toBe(true);
    expect(files.has('design-proposals/klip-8-a-b-c-d-draft.md')).toBe(false);
  });
});
