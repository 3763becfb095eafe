import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { planIndex } from '../src/catalogue/index-writer.js';

const rewriteIndex = (input: Parameters<typeof planIndex>[0]) => planIndex(input).text;
import { readIndexFile } from '../src/catalogue/table.js';
import { parseIndexMarkdown, walk } from '../src/parse/markdown.js';
import { parseKlip } from '../src/parse/document.js';
import { parseTemplate } from '../src/parse/template.js';
import { DEFAULT_VOCABULARY } from '../src/model/status.js';
import { index, klip, lintFolder, row, TEMPLATE } from './helpers/fixtures.js';
import { ROOT, runCli, tempDir, writeFiles } from './helpers/run.js';

const INDEX_RULES = ['index-missing', 'index-status', 'index-link', 'index-next-number'];
const FOLDER = 'design-proposals';

/** The index `index` writes for a folder given as file name -> text. */
function rewrite(files: Record<string, string>, extraFiles: string[] = []): string {
  const template = parseTemplate({ path: `${FOLDER}/klip-template.md`, text: TEMPLATE });
  const names = Object.keys(files).filter((name) => name !== 'README.md');
  return rewriteIndex({
    path: `${FOLDER}/README.md`,
    text: files['README.md'] ?? null,
    documents: names.map((name) =>
      parseKlip({ path: `${FOLDER}/${name}`, text: files[name] as string }, template),
    ),
    template,
    vocabulary: DEFAULT_VOCABULARY,
    exists: (path) =>
      path === `${FOLDER}/klip-template.md` ||
      names.some((name) => `${FOLDER}/${name}` === path) ||
      extraFiles.includes(path),
  });
}

/** Rewrites, then checks the rules find nothing about the index and a second rewrite is the same. */
function settled(files: Record<string, string>, extraFiles: string[] = []): string {
  const written = rewrite(files, extraFiles);
  const after = { ...files, 'README.md': written };
  const findings = lintFolder(after, { extraFiles: extraFiles });
  expect(findings.filter((finding) => INDEX_RULES.includes(finding.ruleId))).toEqual([]);
  expect(rewrite(after, extraFiles)).toBe(written);
  return written;
}

describe('planIndex', () => {
  it('adds missing rows in number order, moves statuses to the files and raises the next number', () => {
    const files = {
      'README.md': index([row(1, 'klip-1-a.md', 'Proposal'), row(4, 'klip-4-d.md', 'Approved')], 2),
      'klip-1-a.md': klip({ number: 1, title: 'A', status: 'Design Approved' }),
      'klip-3-c.md': klip({ number: 3, title: 'Third one', status: 'In Discussion' }),
      'klip-4-d.md': klip({ number: 4, title: 'D', status: 'Merged' }),
      'klip-7-g.md': klip({ number: 7, title: 'G', status: '_In development_' }),
    };
    const written = settled(files);
    const lines = written.split('\n');
    expect(lines).toContain('Next KLIP number: **8**');
    expect(lines.filter((line) => line.startsWith('| [KLIP-'))).toEqual([
      '| [KLIP-X: Template](klip-template.md) | - | - | - | - |',
      '| [KLIP-1: Example](klip-1-a.md) | Design Approved | | | |',
      '| [KLIP-3: Third one](klip-3-c.md) | In Discussion | | | [Discussion](https://github.com/example/repo/pull/1) |',
      '| [KLIP-4: Example](klip-4-d.md) | Merged | | | |',
      '| [KLIP-7: G](klip-7-g.md) | In Development | | | [Discussion](https://github.com/example/repo/pull/1) |',
    ]);
    // The text around the table is kept.
    expect(written.startsWith('# Proposals\n\nNext KLIP number')).toBe(true);
  });

  it('keeps reserved rows, release cells and the row order; unlinks a reserved row whose file does not exist', () => {
    const readme = [
      'Intro text that stays.',
      '',
      '| KLIP | Status | Community Release | CP Release | Discussion PR |',
      '|---|:---:|---|---|---|',
      '| [KLIP-2: Two](klip-2-two.md) | Approved | 0.9.0 | 6.0.0 | [PR](https://example.com/pull/9) |',
      '| [KLIP-5: Not yet written](klip-5-later.md) | Proposed | | | |',
      '| KLIP-6: Only a number | Proposal | | | |',
      '| [KLIP-8: Elsewhere](https://example.com/blob/x/klip-8-e.md) | Proposal | | | |',
      '',
      'Next KLIP number: **7**',
      '',
      'Closing words.',
      '',
    ].join('\n');
    const files = {
      'README.md': readme,
      'klip-2-two.md': klip({ number: 2, title: 'Two', status: 'Merged', releaseTarget: '0.9.0' }),
      'klip-8-e.md': klip({ number: 8, title: 'E', status: 'In Discussion' }),
    };
    const written = settled(files);
    expect(written.split('\n')).toEqual([
      'Intro text that stays.',
      '',
      '| KLIP | Status | Community Release | CP Release | Discussion PR |',
      '|---|:---:|---|---|---|',
      '| [KLIP-2: Two](klip-2-two.md) | Merged | 0.9.0 | 6.0.0 | [PR](https://example.com/pull/9) |',
      '| KLIP-5: Not yet written | Proposed | | | |',
      '| KLIP-6: Only a number | Proposal | | | |',
      '| [KLIP-8: Elsewhere](klip-8-e.md) | In Discussion | | | |',
      '',
      'Next KLIP number: **9**',
      '',
      'Closing words.',
      '',
    ]);
  });

  it('keeps CRLF line endings, a byte-order mark and a last line without an ending', () => {
    const readme = `\uFEFF${index([row(1, 'klip-1-a.md', 'In Discussion')], 1)
      .replace(/\n/g, '\r\n')
      .replace(/\r\n$/, '')}`;
    const files = {
      'README.md': readme,
      'klip-1-a.md': klip({ number: 1, title: 'A', status: 'Merged' }),
      'klip-2-b.md': klip({ number: 2, title: 'B' }),
    };
    const written = settled(files);
    expect(written.charCodeAt(0)).toBe(0xfeff);
    expect(written.replace(/\r\n/g, '')).not.toContain('\n');
    expect(written.endsWith('|')).toBe(true);
    expect(written).toContain(
      '| [KLIP-1: Example](klip-1-a.md) | Merged | | | |\r\n| [KLIP-2: B](klip-2-b.md)',
    );
    expect(written).toContain('Next KLIP number: **3**\r\n');
  });

  it('keeps padding in an aligned table and pads new rows to it', () => {
    const readme = [
      'Next KLIP number: **3**',
      '',
      '| KLIP                         |   Status   | CP Release |',
      '|------------------------------|:----------:|------------|',
      '| [KLIP-1: One](klip-1-one.md) |   Merged   |   5.4.0    |',
      '',
    ].join('\n');
    const files = {
      'README.md': readme,
      'klip-1-one.md': klip({ number: 1, title: 'One', status: 'Merged' }),
      'klip-2-two.md': klip({ number: 2, title: 'Two', status: 'Approved' }),
    };
    const written = settled(files);
    expect(written.split('\n').slice(4, 6)).toEqual([
      '| [KLIP-1: One](klip-1-one.md) |   Merged   |   5.4.0    |',
      '| [KLIP-2: Two](klip-2-two.md) | Design Approved |            |',
    ]);
  });

  it('links a file whose name has spaces or parentheses so that the link resolves', () => {
    const files = {
      'README.md': index([row(1, 'klip-1-a b.md', 'In Discussion')], 2),
      'klip-1-a b.md': klip({ number: 1, title: 'A' }),
      'klip-2-(x).md': klip({ number: 2, title: 'X' }),
      'klip-3-c#.md': klip({ number: 3, title: 'Sharp' }),
    };
    const written = settled(files);
    expect(written).toContain('[KLIP-1: Example](klip-1-a%20b.md)');
    expect(written).toContain('[KLIP-2: X](klip-2-%28x%29.md)');
    expect(written).toContain('[KLIP-3: Sharp](klip-3-c%23.md)');
  });

  it('adds a table and the next number to an index that has neither, and writes one from nothing', () => {
    const files = {
      'README.md': '# Our proposals\n\nSee below.\n',
      'klip-1-a.md': klip({ number: 1, title: 'A' }),
    };
    const written = settled(files);
    expect(
      written.startsWith('# Our proposals\n\nSee below.\n\nNext KLIP number: **2**\n\n| KLIP |'),
    ).toBe(true);
    const fresh = settled({ 'klip-3-c.md': klip({ number: 3, title: 'C' }) });
    expect(fresh).toContain('[KLIP-3: C](klip-3-c.md)');
    expect(fresh).toContain('Next KLIP number: **4**');
  });

  it('adds a missing "Next KLIP number" line and never lowers a higher one', () => {
    const noLine = index([row(1, 'klip-1-a.md', 'In Discussion')], 0).replace(
      'Next KLIP number: **0**\n\n',
      '',
    );
    const written = settled({ 'README.md': noLine, 'klip-1-a.md': klip({ number: 1 }) });
    expect(written).toContain('Next KLIP number: **2**\n\n| KLIP |');
    const high = index([row(1, 'klip-1-a.md', 'In Discussion')], 40);
    expect(settled({ 'README.md': high, 'klip-1-a.md': klip({ number: 1 }) })).toBe(high);
  });

  it('gives two proposals of one number a row each, and leaves a file with an unknown status its row status', () => {
    const files = {
      'README.md': index([row(3, null, 'Proposal')], 4),
      'klip-3-a.md': klip({ number: 3, title: 'A', status: 'Merged' }),
      'klip-3-b.md': klip({ number: 3, title: 'B', status: 'Merged' }),
      'klip-5-e.md': klip({ number: 5, title: 'E', status: 'Somewhere in between' }),
    };
    const written = settled(files);
    expect(written).toContain('| [KLIP-3: Example](klip-3-a.md) | Merged | | | |');
    expect(written).toContain('[KLIP-3: B](klip-3-b.md) | Merged |');
    expect(written).toContain('| [KLIP-5: E](klip-5-e.md) | | |');
  });

  it('rewrites an index of thousands of rows in linear time', () => {
    const template = parseTemplate({ path: `${FOLDER}/klip-template.md`, text: TEMPLATE });
    const documents = Array.from({ length: 4000 }, (_, i) =>
      parseKlip(
        {
          path: `${FOLDER}/klip-${i + 1}-x.md`,
          text: `# KLIP ${i + 1} - X\n\n**Status**: Merged\n`,
        },
        template,
      ),
    );
    const base = {
      path: `${FOLDER}/README.md`,
      documents,
      template,
      vocabulary: DEFAULT_VOCABULARY,
      exists: () => true,
    };
    const started = Date.now();
    const full = rewriteIndex({ ...base, text: index([], 1) });
    const again = rewriteIndex({ ...base, text: full.replace(/\| Merged \|/g, '| Proposal |') });
    expect(again).toBe(full);
    expect(full.split('\n').filter((line) => line.startsWith('| [KLIP-')).length).toBe(4001);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("keeps a row's own status name with its emphasis or casing, and replaces another word", () => {
    const readme = index(
      [
        row(1, 'klip-1-a.md', '_Merged_'),
        row(2, 'klip-2-b.md', '**In development**'),
        row(3, 'klip-3-c.md', '_Approved_'),
      ],
      4,
    );
    const written = settled({
      'README.md': readme,
      'klip-1-a.md': klip({ number: 1, status: 'Merged' }),
      'klip-2-b.md': klip({ number: 2, status: 'In Development' }),
      'klip-3-c.md': klip({ number: 3, status: 'Design Approved' }),
    });
    expect(written).toContain('| [KLIP-1: Example](klip-1-a.md) | _Merged_ | | | |');
    expect(written).toContain('| [KLIP-2: Example](klip-2-b.md) | **In development** | | | |');
    expect(written).toContain('| [KLIP-3: Example](klip-3-c.md) | Design Approved | | | |');
  });

  it('reads rows without outer pipes and with escaped pipes, inside a block quote too', () => {
    const bare = [
      'Next KLIP number: **2**',
      '',
      'KLIP | Status | Notes',
      '--- | --- | ---',
      '[KLIP-1: A \\| B](klip-1-a.md) | Proposal | keep \\| this',
      '',
    ].join('\n');
    const written = settled({
      'README.md': bare,
      'klip-1-a.md': klip({ number: 1, status: 'Merged' }),
      'klip-2-b.md': klip({ number: 2, title: 'B' }),
    });
    expect(written.split('\n').slice(4, 6)).toEqual([
      '[KLIP-1: A \\| B](klip-1-a.md) | Merged | keep \\| this',
      '| [KLIP-2: B](klip-2-b.md) | In Discussion | |',
    ]);
    const quoted = `> Next KLIP number: **1**\n>\n> | KLIP | Status |\n> | --- | --- |\n> | [KLIP-1: A](klip-1-a.md) | Proposal |\n`;
    const again = settled({
      'README.md': quoted,
      'klip-1-a.md': klip({ number: 1, status: 'Merged' }),
      'klip-2-b.md': klip({ number: 2, title: 'B' }),
    });
    expect(again).toBe(
      '> Next KLIP number: **3**\n>\n> | KLIP | Status |\n> | --- | --- |\n> | [KLIP-1: A](klip-1-a.md) | Merged |\n> | [KLIP-2: B](klip-2-b.md) | In Discussion |\n',
    );
  });

  it('changes nothing in an index that is already right', () => {
    const readme = index([row(1, 'klip-1-a.md', 'In Discussion'), row(2, null, 'Proposal')], 3);
    expect(settled({ 'README.md': readme, 'klip-1-a.md': klip({ number: 1 }) })).toBe(readme);
  });
});

describe('readIndexFile', () => {
  // The table is found on a cut-down text; its lines must be the ones the full parse gives.
  const cases = [
    '| KLIP | Status |\n|---|---|\n| a | b |\n| c | d |\n\nafter\n',
    'text\n\n| KLIP | Status |\n|---|---|\n| a | b |\nlazy row\n| c | d |\n',
    '| Other | Table |\n|---|---|\n| x | y |\n\n| KLIP | Status |\n| :-: | --: |\n| a | b |\n| c | d |\n| e | f |',
    '```\n| KLIP | Status |\n|---|---|\n| a | b |\n```\n\n| KLIP | Status |\n|---|---|\n| z | y |\n| w | v |\n',
    '> | KLIP | Status |\n> |---|---|\n> | a | b |\n> | c | d |\n',
    '| KLIP | Status |\n|---|---|\n',
  ];
  it.each(cases)('finds the same table lines as the full parse: %j', (text) => {
    const tree = parseIndexMarkdown(text);
    const tables: { start: number; end: number; align: unknown }[] = [];
    walk(tree, (node) => {
      if (node.type === 'table' && /klip/i.test(JSON.stringify(node.children[0])))
        tables.push({
          start: (node.position?.start.line ?? 0) - 1,
          end: node.position?.end.line ?? 0,
          align: node.align?.map((value) => value ?? 'none'),
        });
    });
    const table = readIndexFile(text).table;
    expect(table && { start: table.start, end: table.end, align: table.align }).toEqual(tables[0]);
  });
});

describe('klip-lint index on a copy of the real folder', () => {
  const corpus = join(ROOT, '..', 'shared', 'corpus', 'ksql-design-proposals');
  const available = existsSync(corpus);
  (available ? it : it.skip)(
    'fails --check, then index makes it pass, a second index changes no byte and no index finding is left',
    async () => {
      const root = tempDir();
      cpSync(corpus, join(root, FOLDER), { recursive: true });
      const readme = join(root, FOLDER, 'README.md');
      // Files as bytes (one character a byte): compared as strings, which jest does at once.
      const bytes = (path: string) => readFileSync(path, 'latin1');
      const original = bytes(readme);
      const before = await runCli(['index', '--check'], root);
      expect(before.code).toBe(1);
      expect(before.stdout).toContain(`--- a/${FOLDER}/README.md`);
      expect(before.stdout).toMatch(/^-Next KLIP number: \*\*\d+\*\*$/m);
      expect(bytes(readme)).toBe(original);

      const lintBefore = await runCli([FOLDER, '--format', 'json', '--fail-on', 'never'], root);
      const indexFindings = (stdout: string) =>
        (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.filter((finding) =>
          INDEX_RULES.includes(finding.ruleId),
        );
      expect(indexFindings(lintBefore.stdout).length).toBeGreaterThan(0);

      expect(await runCli(['index'], root)).toMatchObject({
        code: 0,
        stdout: `updated ${FOLDER}/README.md\n`,
      });
      const once = bytes(readme);
      expect((await runCli(['index', '--check'], root)).code).toBe(0);
      expect(await runCli(['index', FOLDER], root)).toMatchObject({ code: 0 });
      expect(bytes(readme)).toBe(once);
      const lintAfter = await runCli([FOLDER, '--format', 'json', '--fail-on', 'never'], root);
      expect(indexFindings(lintAfter.stdout)).toEqual([]);
      // Only the table and the next number changed; the rest of the folder is untouched.
      for (const name of readdirSync(join(root, FOLDER)).filter((name) => name !== 'README.md'))
        expect(bytes(join(root, FOLDER, name))).toBe(bytes(join(corpus, name)));
      expect(lstatSync(readme).isFile()).toBe(true);
    },
  );
});

describe('klip-lint index and a row ahead of its file', () => {
  it('follows the file, and says which row moved back and what to do if the row was right', async () => {
    const root = tempDir();
    writeFiles(root, {
      [`${FOLDER}/klip-template.md`]: TEMPLATE,
      [`${FOLDER}/README.md`]: index([row(1, 'klip-1-a.md', 'Merged')], 2),
      [`${FOLDER}/klip-1-a.md`]: klip({ number: 1, status: 'In Discussion' }),
    });
    const check = await runCli(['index', '--check'], root);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      `KLIP 1's row would move back from "Merged" to "In Discussion", as klip-1-a.md says; if KLIP 1 is "Merged", set the Status in klip-1-a.md to "Merged" and run "klip-lint index" again.`,
    );
    const run = await runCli(['index'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`KLIP 1's row moved back from "Merged" to "In Discussion"`);
    // A row behind its file moves forward without a word.
    writeFiles(root, { [`${FOLDER}/klip-1-a.md`]: klip({ number: 1, status: 'Merged' }) });
    expect(await runCli(['index'], root)).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('klip-lint index writes safely', () => {
  it('refuses an index that is a symbolic link, and leaves its target alone', async () => {
    const root = tempDir();
    writeFiles(root, {
      'elsewhere.md': index([], 1),
      [`${FOLDER}/klip-1-a.md`]: klip({ number: 1 }),
    });
    symlinkSync(join(root, 'elsewhere.md'), join(root, FOLDER, 'README.md'));
    const result = await runCli(['index'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('symbolic link');
    expect(readFileSync(join(root, 'elsewhere.md'), 'utf8')).toBe(index([], 1));
  });

  it('writes no temporary file next to the index and keeps its mode', async () => {
    const root = tempDir();
    writeFiles(root, {
      [`${FOLDER}/README.md`]: index([], 1),
      [`${FOLDER}/klip-1-a.md`]: klip({ number: 1 }),
    });
    const path = join(root, FOLDER, 'README.md');
    chmodSync(path, 0o640);
    expect((await runCli(['index'], root)).code).toBe(0);
    expect(readdirSync(join(root, FOLDER)).sort()).toEqual(['README.md', 'klip-1-a.md']);
    expect(lstatSync(path).mode & 0o777).toBe(0o640);
    expect(readFileSync(path, 'utf8')).toContain('[KLIP-1: Example Proposal](klip-1-a.md)');
  });

  it('--check prints nothing to change on an index that is right, exit 0', async () => {
    const root = tempDir();
    writeFiles(root, {
      [`${FOLDER}/README.md`]: index([row(1, 'klip-1-a.md', 'In Discussion')], 2),
      [`${FOLDER}/klip-template.md`]: TEMPLATE,
      [`${FOLDER}/klip-1-a.md`]: klip({ number: 1 }),
    });
    const result = await runCli(['index', '--check'], root);
    expect(result).toMatchObject({ code: 0, stdout: `${FOLDER}/README.md is up to date.\n` });
  });
});
