import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../src/core/engine.js';
import { index, INDEX_HEADER, klip, lintFolder, only, row, TEMPLATE } from './helpers/fixtures.js';
import { Repository } from './helpers/git.js';
import { runCli, tempDir, writeFiles } from './helpers/run.js';

// Judging the index and the links as maintainers do (issue 13: items 4, 5, 7, 8, 10, 11).

const D = 'design-proposals';
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

function folder(files: Record<string, string>): string {
  const root = tempDir();
  writeFiles(
    root,
    Object.fromEntries(
      Object.entries(files).map(([name, text]) => [
        name.startsWith('.') ? name : `${D}/${name}`,
        text,
      ]),
    ),
  );
  return root;
}

const json = async (root: string, args: string[] = []) => {
  const run = await runCli([...args, '--format', 'json'], root);
  return JSON.parse(run.stdout) as {
    findings: { ruleId: string; file: string; line: number; message: string; klip: number }[];
  };
};

describe('index-status: either side can be the stale one', () => {
  it('names both values and both places, and does not claim the file is right', () => {
    const readme = index([row(4, 'klip-4-sky.md', 'Merged')], 5);
    const [finding, ...rest] = only(
      lintFolder({
        'klip-4-sky.md': klip({ number: 4, status: '_In Discussion_' }),
        'README.md': readme,
      }),
      'index-status',
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file: `${D}/README.md`, line: lineOf(readme, 'Merged') });
    expect(finding?.message).toBe(
      'The index row (README.md, line 8) says "Merged" for KLIP 4, but klip-4-sky.md (line 5) says "_In Discussion_". One of them is out of date: if KLIP 4 is "Merged", set the Status in klip-4-sky.md to "Merged"; if it is "In Discussion", change this row to "In Discussion".',
    );
    expect(finding?.message).not.toMatch(/source of truth|update the row to/);
  });

  it('says the row is likely behind when it is earlier in the process, and offers to raise it', () => {
    const [finding] = only(
      lintFolder({
        'klip-2-lake.md': klip({ number: 2, status: 'In Development' }),
        'README.md': index([row(2, 'klip-2-lake.md', 'Proposal')], 3),
      }),
      'index-status',
    );
    expect(finding?.message).toBe(
      'The index row (README.md, line 8) says "Proposal" for KLIP 2, but klip-2-lake.md (line 5) says "In Development". Statuses only move forward, so the row is likely out of date: change it to "In Development" (if the file moved on without the approvals it needs, correct the file instead).',
    );
  });

  it('leaves both sides when an end state outside the order is involved', () => {
    const [finding] = only(
      lintFolder({
        'klip-2-lake.md': klip({ number: 2, status: 'Withdrawn' }),
        'README.md': index([row(2, 'klip-2-lake.md', 'Design Approved')], 3),
      }),
      'index-status',
    );
    expect(finding?.message).toContain('Only a maintainer knows which is right');
  });

  it('--fix raises a row that is behind, keeps its decoration, and never lowers a status', async () => {
    const files = {
      'klip-1-ahead.md': klip({ number: 1, status: 'In Discussion' }),
      'klip-2-behind.md': klip({ number: 2, status: 'Merged' }),
      'klip-3-bold.md': klip({ number: 3, status: '_Design Approved_' }),
      'klip-4-end.md': klip({ number: 4, status: 'Rejected' }),
      'README.md': index(
        [
          row(1, 'klip-1-ahead.md', 'Approved'),
          row(2, 'klip-2-behind.md', 'Proposal'),
          row(3, 'klip-3-bold.md', '**Discussion**'),
          row(4, 'klip-4-end.md', 'Merged'),
        ],
        5,
      ),
    };
    const root = folder(files);
    const run = await runCli(['--fix'], root);
    const fixed = run.stderr.split('\n').filter((line) => line.endsWith('[index-status]'));
    expect(fixed).toEqual([
      `fixed ${D}/README.md:9 index row of KLIP 2: "Proposal" -> "Merged" [index-status]`,
      `fixed ${D}/README.md:10 index row of KLIP 3: "Discussion" -> "Design Approved" [index-status]`,
    ]);
    const after = readFileSync(join(root, D, 'README.md'), 'utf8').split('\n');
    expect(after[7]).toContain('| Approved |');
    expect(after[8]).toContain('| Merged |');
    expect(after[9]).toContain('| **Design Approved** |');
    expect(after[10]).toContain('| Merged |');
    // The proposals themselves are never touched by index-status.
    expect(readFileSync(join(root, D, 'klip-1-ahead.md'), 'utf8')).toBe(files['klip-1-ahead.md']);
    const left = (await json(root)).findings.filter((finding) => finding.ruleId === 'index-status');
    expect(left.map((finding) => finding.klip)).toEqual([1, 4]);
  });
});

describe('index-link: rows that do not link their proposal', () => {
  it('reports a link GitHub shows as raw text, with both ways to write it, and fixes it with <...>', async () => {
    const readme = `${INDEX_HEADER.replace('NEXT', '3')}| [KLIP-2: Two Words](klip-2-two words.md) | In Discussion | | | |\n`;
    const files = {
      'klip-2-two words.md': klip({ number: 2 }),
      'klip-template.md': TEMPLATE,
      'README.md': readme,
    };
    const [finding, ...rest] = only(lintFolder(files), 'index-link');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 8, column: 3 });
    expect(finding?.message).toBe(
      'The row for KLIP 2 is not a Markdown link: its target has spaces, so GitHub shows it as raw text. To link the file, write the target as <klip-2-two words.md> or klip-2-two%20words.md.',
    );
    const root = folder(files);
    await runCli(['--fix'], root);
    expect(readFileSync(join(root, D, 'README.md'), 'utf8')).toContain(
      '| [KLIP-2: Two Words](<klip-2-two words.md>) | In Discussion |',
    );
    expect((await json(root)).findings.filter((f) => f.ruleId === 'index-link')).toEqual([]);
  });

  it('reports a space between "]" and "(", and a raw link to a file that is missing', () => {
    const readme = `${INDEX_HEADER.replace('NEXT', '4')}| [KLIP-2: Apart] (klip-2-apart.md) | In Discussion | | | |\n| [KLIP-3: Gone](klip-3-gone away.md) | Proposal | | | |\n`;
    const findings = only(
      lintFolder({ 'klip-2-apart.md': klip({ number: 2 }), 'README.md': readme }),
      'index-link',
    );
    expect(findings.map((finding) => finding.message)).toEqual([
      'The row for KLIP 2 is not a Markdown link: a space between "]" and "(" makes GitHub show it as raw text. To link the file, write it as [text](klip-2-apart.md), with nothing between "]" and "(".',
      'The row for KLIP 3 is not a Markdown link: its target has spaces, so GitHub shows it as raw text. To link the file, write the target as <klip-3-gone away.md> or klip-3-gone%20away.md; "klip-3-gone away.md" does not exist either.',
    ]);
  });

  it('does not take prose in brackets for a link', () => {
    const readme = `${INDEX_HEADER.replace('NEXT', '3')}| KLIP-2: Idea [draft] (see the PR) | Proposal | | | |\n`;
    expect(only(lintFolder({ 'README.md': readme }), 'index-link')).toEqual([]);
  });

  it('reports a row that links a PR or an old commit while the file is here, with the link to write', () => {
    const readme = index(
      [
        '| [KLIP-1: Old](https://github.com/o/r/blob/0123abc/design-proposals/klip-1-old.md) | Merged | | | |',
        '| [KLIP-2: Pr](https://github.com/o/r/pull/12) | Merged | | | |',
        '| [KLIP-3: Reserved](https://github.com/o/r/pull/13) | Proposal | | | |',
        '| KLIP-4: Plain | Merged | | | |',
      ],
      5,
    );
    const findings = only(
      lintFolder({
        'klip-1-old.md': klip({ number: 1, status: 'Merged' }),
        'klip-2-pr.md': klip({ number: 2, status: 'Merged' }),
        'klip-4-plain.md': klip({ number: 4, status: 'Merged' }),
        'README.md': readme,
      }),
      'index-link',
    );
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        8,
        'The row for KLIP 1 links to "https://github.com/o/r/blob/0123abc/design-proposals/klip-1-old.md", not to its proposal file klip-1-old.md in this folder, which readers then miss (and its later changes); write [KLIP-1: Old](klip-1-old.md).',
      ],
      [
        9,
        'The row for KLIP 2 links to "https://github.com/o/r/pull/12", not to its proposal file klip-2-pr.md in this folder, which readers then miss (and its later changes); write [KLIP-2: Pr](klip-2-pr.md).',
      ],
      [
        11,
        'The row for KLIP 4 does not link its proposal, klip-4-plain.md; write [KLIP-4: Plain](klip-4-plain.md).',
      ],
    ]);
  });

  it("reports a row linking another proposal's file while its own is here", () => {
    const findings = only(
      lintFolder({
        'klip-1-one.md': klip({ number: 1 }),
        'klip-2-two.md': klip({ number: 2 }),
        'README.md': index(
          [row(1, 'klip-2-two.md', 'In Discussion'), row(2, 'klip-2-two.md', 'In Discussion')],
          3,
        ),
      }),
      'index-link',
    );
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        8,
        "The row for KLIP 1 links to klip-2-two.md, which is KLIP 2's file; write [KLIP-1: Example](klip-1-one.md), or correct the row's number.",
      ],
    ]);
  });

  it('leaves a second row of a number that another row links to number-duplicate', () => {
    const readme = index(
      [row(1, 'klip-1-example-proposal.md', 'In Discussion'), row(1, null, 'Proposal')],
      2,
    );
    expect(
      only(lintFolder({ 'klip-1-example-proposal.md': klip(), 'README.md': readme }), 'index-link'),
    ).toEqual([]);
  });

  it('says what to do with a missing target: the file, the path, or no link yet', () => {
    const findings = only(
      lintFolder({
        'klip-1-renamed.md': klip({ number: 1 }),
        'README.md': index(
          [row(1, 'klip-1-old-name.md', 'In Discussion'), row(2, 'klip-2-soon.md', 'Proposal')],
          3,
        ),
      }),
      'index-link',
    );
    expect(findings.map((finding) => finding.message)).toEqual([
      'The row for KLIP 1 links to "klip-1-old-name.md", which does not exist; fix the path: write [KLIP-1: Example](klip-1-renamed.md).',
      'The row for KLIP 2 links to "klip-2-soon.md", which does not exist: add the file (its design PR does), fix the path if the file has another name, or drop the link until the design PR.',
    ]);
  });
});

describe('placeholders in any metadata field', () => {
  it('takes TBD, ?, ???, link and the like for placeholders, in any field and decoration', () => {
    const text = klip({
      status: 'Design Approved',
      author: '???',
      releaseTarget: '_TBD_',
      discussion: 'link',
    });
    const findings = lintFolder({
      'klip-1-example-proposal.md': text,
      'README.md': index([row(1, 'klip-1-example-proposal.md', 'Design Approved')], 2),
    });
    expect(
      only(findings, 'metadata-placeholder').map((f) => [f.line, f.severity, f.message]),
    ).toEqual([
      [
        3,
        'warning',
        `Field "Author" holds "???", a placeholder rather than a value; write the authors' names and GitHub users.`,
      ],
      [
        4,
        'notice',
        'Field "Release Target" holds "_TBD_", a placeholder rather than a value; write the release it targets (a version) once it is known.',
      ],
      [
        6,
        'warning',
        'Field "Discussion" holds "link", a placeholder rather than a value; link the design discussion PR, where the proposal was discussed and approved.',
      ],
    ]);
    // One finding per problem: discussion-link leaves a placeholder to metadata-placeholder.
    expect(only(findings, 'discussion-link')).toEqual([]);
  });

  it('tells a new proposal to link its own PR once it is open', () => {
    const [finding] = only(
      lintFolder({
        'klip-1-example-proposal.md': klip({ discussion: '_link to the discussion PR_' }),
        'README.md': index([row(1, 'klip-1-example-proposal.md', 'Proposal')], 2),
      }),
      'metadata-placeholder',
    );
    expect(finding?.message).toBe(
      `Field "Discussion" still holds the template's placeholder "_link to the discussion PR_"; link the design discussion PR: for a new proposal, the PR that adds this file (link it once it is open).`,
    );
  });

  it('keeps real values, links named "link", and leaves a merged release to release-target', () => {
    const text = klip({
      status: 'Merged',
      releaseTarget: '?',
      discussion: '[link](https://github.com/o/r/pull/4)',
    });
    const findings = lintFolder({
      'klip-1-example-proposal.md': text,
      'README.md': index([row(1, 'klip-1-example-proposal.md', 'Merged')], 2),
    });
    expect(only(findings, 'metadata-placeholder')).toEqual([]);
    expect(only(findings, 'release-target')).toHaveLength(1);
  });

  it('reads the list from the configuration, and rejects a list that is not one', async () => {
    const root = folder({
      '.github/klip-lint.yml': 'placeholders: [pending]\n',
      'klip-1-a.md': klip({ number: 1, author: 'pending', releaseTarget: 'TBD' }),
      'README.md': index([row(1, 'klip-1-a.md', 'In Discussion')], 2),
    });
    expect(
      (await json(root)).findings
        .filter((f) => f.ruleId === 'metadata-placeholder')
        .map((f) => f.line),
    ).toEqual([3]);
    writeFileSync(join(root, '.github/klip-lint.yml'), 'placeholders: TBD\n');
    const bad = await runCli([], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('placeholders');
  });
});

describe('links to #anchors', () => {
  const body = (name: string) =>
    name === 'Design'
      ? 'See [scope](#what-is-in-scope), [the API](#public-apis) and [typo](#publc-apis).\n\n### Design: the `core` (part 1)\n\nText.\n\n### Design: the `core` (part 1)\n\nAgain: [second](#design-the-core-part-1-1), [html](#custom).\n\n<a name="custom"></a>'
      : `Text about ${name}.`;

  it('resolves against the ids GitHub renders, repeated headings included', () => {
    const findings = only(
      lintFolder({
        'klip-1-example-proposal.md': klip({ body }),
        'README.md': index([row(1, 'klip-1-example-proposal.md', 'In Discussion')], 2),
      }),
      'link-broken',
    );
    expect(findings.map((finding) => finding.message)).toEqual([
      'The link "#publc-apis" points to "#publc-apis", which is no heading or anchor of this file; link "#public-apis".',
    ]);
  });

  it('takes the id of a heading without its HTML, as GitHub does', () => {
    const text = klip({
      body: (name) =>
        name === 'Design'
          ? '### <a name="old"></a>Wire format\n\nSee [it](#wire-format) and [old](#old).'
          : 'Text.',
    });
    expect(
      only(
        lintFolder({
          'klip-1-example-proposal.md': text,
          'README.md': index([row(1, 'klip-1-example-proposal.md', 'In Discussion')], 2),
        }),
        'link-broken',
      ),
    ).toEqual([]);
  });

  it("resolves a link into another proposal against that proposal's headings", () => {
    const two = klip({
      number: 2,
      body: () =>
        'See [one](klip-1-example-proposal.md#test-plan) and [bad](klip-1-example-proposal.md#no-such-part).',
    });
    const findings = only(
      lintFolder({
        'klip-1-example-proposal.md': klip(),
        'klip-2-other.md': two,
        'README.md': index(
          [
            row(1, 'klip-1-example-proposal.md', 'In Discussion'),
            row(2, 'klip-2-other.md', 'In Discussion'),
          ],
          3,
        ),
      }),
      'link-broken',
    );
    // Every section of KLIP 2 holds both links.
    expect(new Set(findings.map((finding) => finding.message))).toEqual(
      new Set([
        'The link "klip-1-example-proposal.md#no-such-part" points to "#no-such-part", which is no heading or anchor of klip-1-example-proposal.md; use the id GitHub gives a heading of klip-1-example-proposal.md: its text in lower case, spaces as "-", most punctuation dropped.',
      ]),
    );
    expect(findings.every((finding) => finding.file === `${D}/klip-2-other.md`)).toBe(true);
  });
});

describe('one file means one file', () => {
  const files = () => ({
    'klip-1-a.md': klip({ number: 1, status: 'Merged' }),
    'klip-2-b.md': klip({ number: 2, status: 'Merged' }),
    'README.md': index(
      [row(1, 'klip-1-a.md', 'In Discussion'), row(2, 'klip-2-gone.md', 'In Discussion')],
      2,
    ),
  });

  it('reports the file and the index findings about its own row only', async () => {
    const root = folder(files());
    const one = (await json(root, [`${D}/klip-1-a.md`])).findings;
    expect(one.map((f) => [f.ruleId, f.klip])).toEqual([['index-status', 1]]);
    // A pre-commit hook passes several names: each one's row.
    const two = (await json(root, [`${D}/klip-1-a.md`, `${D}/klip-2-b.md`])).findings;
    expect(two.map((f) => [f.ruleId, f.klip])).toEqual([
      ['index-status', 1],
      ['index-link', 2],
      ['index-status', 2],
    ]);
    // The index named on its own is judged whole.
    const whole = (await json(root, [`${D}/README.md`])).findings.map((f) => f.ruleId);
    expect(whole).toEqual(expect.arrayContaining(['index-next-number', 'index-link']));
  });

  it('keeps the whole index in the engine when no row scope is asked for (pull requests)', () => {
    const all = files();
    const result = lint({
      folder: D,
      proposals: [{ path: `${D}/klip-1-a.md`, text: all['klip-1-a.md'] }],
      index: { path: `${D}/README.md`, text: all['README.md'] },
      template: { path: `${D}/klip-template.md`, text: TEMPLATE },
      targets: new Set([`${D}/klip-1-a.md`]),
      exists: () => false,
    });
    expect(result.findings.some((finding) => finding.ruleId === 'index-next-number')).toBe(true);
  });
});

describe('changes judged against the base', () => {
  const base = (readme: string) => ({
    [`${D}/klip-template.md`]: TEMPLATE,
    [`${D}/README.md`]: readme,
  });
  const change = async (readme: string, files: Record<string, string>) => {
    const repo = new Repository(base(readme));
    repo.branch('feature');
    repo.commit(files);
    const run = await runCli(['--base', 'origin/main', '--format', 'json'], repo.work);
    return (JSON.parse(run.stdout).findings as { ruleId: string; message: string }[]).filter(
      (finding) => ['number-unreserved', 'new-klip-status'].includes(finding.ruleId),
    );
  };

  it('number-unreserved: a row at any status, or a number below the next, is reserved', async () => {
    const readme = index([row(5, null, 'Merged'), row(6, null, 'Approved')], 9);
    const found = await change(readme, {
      [`${D}/klip-5-a.md`]: klip({ number: 5 }),
      [`${D}/klip-7-b.md`]: klip({ number: 7 }),
      [`${D}/klip-9-c.md`]: klip({ number: 9 }),
      [`${D}/klip-12-d.md`]: klip({ number: 12 }),
    });
    expect(found.map((finding) => finding.message)).toEqual([
      'KLIP 12 was not reserved at the base: the index has no row for it and the next number was 9. Reserve it with an intent PR (an index row for KLIP 12 at "Proposal" and "Next KLIP number" raised to 13), or take the next number, 9.',
    ]);
  });

  it('number-unreserved: an index with no rows and next number 0 gets a message that makes sense', async () => {
    const found = await change(`${INDEX_HEADER.replace('NEXT', '0')}`, {
      [`${D}/klip-1-first.md`]: klip({ number: 1 }),
    });
    expect(found.map((finding) => finding.message)).toEqual([
      'KLIP 1 was not reserved at the base: the index reserves no number yet (no rows, "Next KLIP number" is 0). Reserve it with an intent PR (an index row for KLIP 1 at "Proposal" and "Next KLIP number" raised to 2).',
    ]);
  });

  it('new-klip-status says to set In Discussion or collect the approvals the status needs', async () => {
    const found = await change(index([row(3, null, 'Proposal')], 4), {
      [`${D}/klip-3-late.md`]: klip({ number: 3, status: 'Design Approved' }),
    });
    expect(found.map((finding) => finding.message)).toEqual([
      'A new proposal starts at "In Discussion", and this one arrives at "Design Approved". Set its Status to "In Discussion" and let this PR be the design discussion, or, if this PR carries the discussion and the decision, collect the 2 approvals from people with write access that "Design Approved" needs on this PR before it is merged.',
    ]);
  });
});

describe('filename-format', () => {
  it('says to update the index link too', () => {
    const [finding] = only(
      lintFolder({
        'klip-1-Big_Idea.md': klip(),
        'README.md': index([row(1, 'klip-1-Big_Idea.md', 'In Discussion')], 2),
      }),
      'filename-format',
    );
    expect(finding?.message).toBe(
      `The file name "klip-1-Big_Idea.md" is not "klip-<n>-<slug>.md" (lowercase words joined by "-"); rename it to "klip-1-big-idea.md" (git mv) and update the index row's link to it.`,
    );
  });
});
