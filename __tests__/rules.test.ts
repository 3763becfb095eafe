import { RULES } from '../src/rules/index.js';
import { index, klip, lintFolder, only, row, SECTIONS } from './helpers/fixtures.js';

const clean = (text = klip()) => ({
  'klip-1-example-proposal.md': text,
  'README.md': index([row(1, 'klip-1-example-proposal.md', 'In Discussion')], 2),
});

describe('a clean folder', () => {
  it('has no findings', () => {
    expect(lintFolder(clean())).toEqual([]);
  });

  it('stays clean with the built-in template', () => {
    const files = clean();
    files['README.md'] = files['README.md'].replace(/^.*klip-template.md.*\n/m, '');
    expect(lintFolder(files, { template: false })).toEqual([]);
  });
});

describe('every rule', () => {
  it('declares an id, a description, a severity and documentation', () => {
    for (const rule of RULES) {
      expect(rule.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(['error', 'warning', 'notice']).toContain(rule.meta.severity);
      expect(rule.meta.docs.length).toBeGreaterThan(80);
      expect(rule.document ?? rule.project ?? rule.change).toBeDefined();
    }
    expect(new Set(RULES.map((rule) => rule.meta.id)).size).toBe(RULES.length);
  });
});

describe('title-format', () => {
  it('is an error when the title has no number, at the heading', () => {
    const [finding, ...rest] = only(
      lintFolder(clean(klip({ heading: '# Query Plans' }))),
      'title-format',
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', line: 1, column: 1, endLine: 1, klip: 1 });
    expect(finding?.message).toBe(
      'The title "Query Plans" has no KLIP number; write "# KLIP 1 - Query Plans".',
    );
  });

  it('is a warning for another form of a numbered title', () => {
    for (const heading of [
      '# KLIP-1: Example Proposal',
      '## KLIP 1 - Example Proposal',
      '# klip 1 - Example Proposal',
    ]) {
      const findings = only(lintFolder(clean(klip({ heading }))), 'title-format');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ severity: 'warning' });
      expect(findings[0]?.message).toContain('write "# KLIP 1 - Example Proposal"');
    }
  });

  it('is an error when there is no title at all', () => {
    const text = klip().split('\n').slice(2).join('\n');
    const findings = only(lintFolder(clean(text)), 'title-format');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', line: 1 });
  });
});

describe('metadata-missing', () => {
  it('reports each absent field, as an error', () => {
    const text = klip({ metadata: ['**Author**: Someone |', '**Status**: In Discussion |'] });
    const findings = only(lintFolder(clean(text)), 'metadata-missing');
    expect(findings.map((finding) => finding.message)).toEqual([
      'Metadata field "Release Target" is missing; add a line "**Release Target**: <value>" with the other fields.',
      'Metadata field "Discussion" is missing; add a line "**Discussion**: <value>" with the other fields.',
    ]);
    expect(findings.every((finding) => finding.severity === 'error' && finding.line === 4)).toBe(
      true,
    );
  });

  it('takes its fields from the template', () => {
    const template =
      '# KLIP Number - Title\n\n**Owner**: _you_ |\n**Status**: _In Discussion_\n\n**tl;dr:** _why_\n\n## Design\n\n_How._\n';
    const text =
      '# KLIP 1 - X\n\n**Status**: In Discussion\n\n**tl;dr:** Because.\n\n## Design\n\nLike this.\n';
    const findings = lintFolder({ 'klip-1-x.md': text, 'klip-template.md': template });
    expect(findings.map((finding) => [finding.ruleId, finding.message])).toEqual([
      [
        'metadata-missing',
        'Metadata field "Owner" is missing; add a line "**Owner**: <value>" with the other fields.',
      ],
    ]);
  });
});

describe('metadata-format', () => {
  it('reports plain, inner-colon and plural forms at the line', () => {
    const text = klip({
      metadata: [
        'Author: Someone |',
        '**Release Target:** 1.0 |',
        '**Status**: In Discussion |',
        '**Discussions**: https://github.com/o/r/pull/2',
      ],
    });
    const findings = only(lintFolder(clean(text)), 'metadata-format');
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [3, 'Write the field as "**Author**: Someone".'],
      [4, 'Write the field as "**Release Target**: 1.0".'],
      [
        6,
        'Write the field as "**Discussion**: https://github.com/o/r/pull/2" (the template names it "Discussion", not "Discussions").',
      ],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'warning', column: 1 });
  });

  it("shows the value as the fix writes it, keeping the author's italics", () => {
    const text = klip({
      metadata: [
        '**Author**: Someone |',
        '**Release Target**: 1.0 |',
        'Status: _Merged_ |',
        '**Discussion**: https://github.com/o/r/pull/2',
      ],
    });
    const findings = only(lintFolder(clean(text)), 'metadata-format');
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [5, 'Write the field as "**Status**: _Merged_".'],
    ]);
  });

  it('accepts a missing trailing " | "', () => {
    const text = klip({
      metadata: [
        '**Author**: A',
        '**Release Target**: 1.0',
        '**Status**: In Discussion',
        '**Discussion**: https://github.com/o/r/pull/2',
      ],
    });
    expect(only(lintFolder(clean(text)), 'metadata-format')).toEqual([]);
  });
});

describe('metadata-duplicate', () => {
  it('reports the second occurrence and names the first', () => {
    const text = klip({
      metadata: [
        '**Author**: A |',
        '**Release Target**: 1.0 |',
        '**Status**: In Discussion |',
        '**Status**: Merged |',
        '**Discussion**: https://github.com/o/r/pull/2',
      ],
    });
    const findings = only(lintFolder(clean(text)), 'metadata-duplicate');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 6, severity: 'error' });
    expect(findings[0]?.message).toBe(
      'Field "Status" appears again (first on line 5); keep one line.',
    );
  });
});

describe('metadata-placeholder', () => {
  it("reports the template's value and an empty value, at the value", () => {
    const text = klip({ author: '_your name here_', discussion: '' });
    const findings = only(lintFolder(clean(text)), 'metadata-placeholder');
    expect(
      findings.map((finding) => [finding.line, finding.column, finding.endColumn, finding.message]),
    ).toEqual([
      [
        3,
        13,
        29,
        `Field "Author" still holds the template's placeholder "_your name here_"; write the authors' names and GitHub users.`,
      ],
      [
        6,
        17,
        17,
        'Field "Discussion" has no value; link the design discussion PR: for a new proposal, the PR that adds this file (link it once it is open).',
      ],
    ]);
  });
});

describe('status-unknown', () => {
  it('suggests the nearest status', () => {
    const findings = only(lintFolder(clean(klip({ status: 'In Discusion' }))), 'status-unknown');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', line: 5, column: 13, endColumn: 25 });
    expect(findings[0]?.message).toBe(
      'Unknown status "In Discusion"; did you mean "In Discussion"?',
    );
  });

  it('names the statuses inside free text', () => {
    const findings = only(
      lintFolder(clean(klip({ status: 'values: Merged, keys: Design Approved' }))),
      'status-unknown',
    );
    expect(findings[0]?.message).toBe(
      'Unknown status "values: Merged, keys: Design Approved"; did you mean one of "Design Approved", "Merged"?',
    );
  });

  it('lists the vocabulary when nothing is close', () => {
    const findings = only(lintFolder(clean(klip({ status: 'Parked' }))), 'status-unknown');
    expect(findings[0]?.message).toMatch(
      /^Unknown status "Parked"; expected one of In Discussion, Design Approved/,
    );
  });

  it('accepts every alias of the conventions and reports unknown index statuses', () => {
    for (const status of [
      '_In Discussion_',
      'Discussion',
      'Approved',
      'Accepted',
      'Design Approved',
      'In development',
      'In Development',
      '**Merged**',
    ]) {
      expect(only(lintFolder(clean(klip({ status }))), 'status-unknown')).toEqual([]);
    }
    const findings = lintFolder({
      'README.md': index([row(1, null, 'Proposed'), row(2, null, 'Someday')], 3),
    });
    expect(
      only(findings, 'status-unknown').map((finding) => [
        finding.file,
        finding.line,
        finding.message,
      ]),
    ).toEqual([
      [
        'design-proposals/README.md',
        9,
        'Unknown status "Someday"; expected one of Proposal, In Discussion, Design Approved, In Development, Merged, Rejected, Withdrawn, Superseded.',
      ],
    ]);
  });
});

describe('status-alias', () => {
  it('reports another word for a status with the canonical name', () => {
    const cases: [string, string][] = [
      [
        'Approved',
        'Status "Approved" is another word for "Design Approved"; write "Design Approved", the name the process and the index use.',
      ],
      [
        '_Approved_',
        'Status "Approved" is another word for "Design Approved"; write "Design Approved", the name the process and the index use.',
      ],
      [
        'Proposal',
        '"Proposal" is an index status (a number reserved, no text yet); a proposal file starts at "In Discussion": write "In Discussion".',
      ],
    ];
    for (const [status, message] of cases) {
      const findings = only(lintFolder(clean(klip({ status }))), 'status-alias');
      expect(findings.map((finding) => [finding.severity, finding.message])).toEqual([
        ['warning', message],
      ]);
    }
  });
});

describe('tldr-missing', () => {
  it('reports a missing, an empty and a template tl;dr', () => {
    expect(
      only(lintFolder(clean(klip({ tldr: 'Some intro text.' }))), 'tldr-missing')[0]?.message,
    ).toMatch(/^No tl;dr/);
    expect(only(lintFolder(clean(klip({ tldr: '**tl;dr:**' }))), 'tldr-missing')[0]?.message).toBe(
      'The tl;dr is empty: say why and who benefits.',
    );
    const placeholder = only(
      lintFolder(clean(klip({ tldr: '**tl;dr:** _Why this matters and who benefits._' }))),
      'tldr-missing',
    );
    expect(placeholder[0]).toMatchObject({ line: 8, severity: 'warning' });
    expect(placeholder[0]?.message).toContain("template's text");
  });

  it('asks to label a summary written without the label, at its line', () => {
    const [finding, ...rest] = only(
      lintFolder(clean(klip({ tldr: '   \nSome intro text that sums the proposal up.' }))),
      'tldr-missing',
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 9 });
    expect(finding?.message).toBe(
      'No tl;dr label: if the text on line 9 is the summary, start it with "**tl;dr:**"; otherwise add a "**tl;dr:** ..." paragraph after the metadata saying why and who benefits.',
    );
  });

  it('accepts the colon outside the bold and text on the next line', () => {
    expect(only(lintFolder(clean(klip({ tldr: '**tl;dr**: Because.' }))), 'tldr-missing')).toEqual(
      [],
    );
    expect(
      only(
        lintFolder(clean(klip({ tldr: '**tl;dr:**\nBecause, on the next line.' }))),
        'tldr-missing',
      ),
    ).toEqual([]);
  });
});

describe('section-missing', () => {
  it('reports every missing section, where it belongs', () => {
    const sections = SECTIONS.filter(
      (name) =>
        !['What is in scope', 'LOEs and Delivery Milestones', 'Security Implications'].includes(
          name,
        ),
    );
    const text = klip({ sections, status: 'Design Approved' });
    const lines = text.split('\n');
    const findings = only(lintFolder(clean(text)), 'section-missing');
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        lines.indexOf('## What is not in scope') + 1,
        'Section "What is in scope" is missing; add "## What is in scope" before "What is not in scope".',
      ],
      [
        lines.indexOf('## Documentation Updates') + 1,
        'Section "LOEs and Delivery Milestones" is missing (required from Design Approved on); add "## LOEs and Delivery Milestones" before "Documentation Updates".',
      ],
      [
        lines.length - 1,
        'Section "Security Implications" is missing; add "## Security Implications" after "Compatibility Implications".',
      ],
    ]);
    expect(findings.every((finding) => finding.severity === 'warning')).toBe(true);
  });

  it('asks to rename a heading that looks like the missing section, at that heading', () => {
    const text = klip({
      status: 'Merged',
      sections: SECTIONS.map((name) =>
        name === 'LOEs and Delivery Milestones' ? 'Delivery risks' : name,
      ),
    });
    const findings = only(lintFolder(clean(text)), 'section-missing');
    const line = text.split('\n').indexOf('## Delivery risks') + 1;
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        line,
        `Section "LOEs and Delivery Milestones" is missing, and the heading "Delivery risks" on line ${line} looks like it: rename that heading to "## LOEs and Delivery Milestones".`,
      ],
    ]);
  });

  it('matches headings at either level and in any case', () => {
    const text = klip({ body: () => 'Text.' })
      .replace('## Public APIS', '# Public APIs')
      .replace('# Compatibility', '## compatibility');
    expect(only(lintFolder(clean(text)), 'section-missing')).toEqual([]);
  });
});

describe('section-order', () => {
  it('reports the section that is out of place', () => {
    const sections = [...SECTIONS];
    sections.splice(sections.indexOf('Design'), 1);
    sections.push('Design');
    const text = klip({ sections });
    const findings = only(lintFolder(clean(text)), 'section-order');
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        text.split('\n').indexOf('## Design') + 1,
        'Section "Design" is out of order: move it before "Test plan", where the template puts it.',
      ],
    ]);
  });
});

describe('section-empty', () => {
  it('reports a heading with nothing under it, at the heading', () => {
    const text = klip({ body: (name) => (name === 'Design' ? '' : 'Text.') });
    const findings = only(lintFolder(clean(text)), 'section-empty');
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [
        text.split('\n').indexOf('## Design') + 1,
        'Section "Design" is empty; write it, or say why it does not apply.',
      ],
    ]);
  });

  it('counts sub-sections and code as content, comments not', () => {
    const text = klip({
      body: (name) =>
        name === 'Design'
          ? '### Storage\n\nRows go here.'
          : name === 'Test plan'
            ? '```sql\nSELECT 1;\n```'
            : name === 'Public APIS'
              ? '<!-- todo -->'
              : 'Text.',
    });
    expect(
      only(lintFolder(clean(text)), 'section-empty').map((finding) => finding.message),
    ).toEqual(['Section "Public APIS" is empty; write it, or say why it does not apply.']);
  });
});

describe('section-placeholder', () => {
  it("reports a section holding only the template's guidance", () => {
    const text = klip({ body: (name) => (name === 'Design' ? '_Guidance for design._' : 'Text.') });
    const findings = only(lintFolder(clean(text)), 'section-placeholder');
    expect(findings.map((finding) => finding.message)).toEqual([
      `Section "Design" holds only the template's guidance text; replace it with this proposal's content.`,
    ]);
  });

  it('accepts guidance followed by real content', () => {
    const text = klip({
      body: (name) => (name === 'Design' ? '_Guidance for design._\n\nOur design.' : 'Text.'),
    });
    expect(only(lintFolder(clean(text)), 'section-placeholder')).toEqual([]);
  });
});

describe('discussion-link', () => {
  it('requires a PR or issue link past In Discussion', () => {
    const findings = only(
      lintFolder(clean(klip({ status: 'Design Approved', discussion: 'on the mailing list' }))),
      'discussion-link',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 6, column: 17, severity: 'warning' });
    expect(findings[0]?.message).toBe(
      'The status is "Design Approved" but Discussion is not a link to a pull request or issue ("on the mailing list"); link the design discussion PR.',
    );
  });

  it('accepts links in any decoration, and anything while In Discussion', () => {
    for (const discussion of [
      '[#12](https://github.com/o/r/pull/12)',
      '_https://github.com/o/r/pull/12_',
      'https://github.com/o/r/issues/3',
    ]) {
      expect(
        only(lintFolder(clean(klip({ status: 'Merged', discussion }))), 'discussion-link'),
      ).toEqual([]);
    }
    expect(only(lintFolder(clean(klip({ discussion: 'TBD' }))), 'discussion-link')).toEqual([]);
  });
});

describe('release-target', () => {
  it('asks for a version once Merged', () => {
    const findings = only(
      lintFolder(clean(klip({ status: 'Merged', releaseTarget: '???' }))),
      'release-target',
    );
    expect(findings.map((finding) => [finding.severity, finding.line, finding.message])).toEqual([
      [
        'notice',
        4,
        'The status is Merged but Release Target names no version ("???"); write the release it shipped in, e.g. "0.24.0".',
      ],
    ]);
    expect(
      only(lintFolder(clean(klip({ status: 'Merged', releaseTarget: '5.4+' }))), 'release-target'),
    ).toEqual([]);
    expect(only(lintFolder(clean(klip({ releaseTarget: 'TBD' }))), 'release-target')).toEqual([]);
  });
});

describe('link-broken', () => {
  it('reports relative links to missing files and links out of the repository', () => {
    const text = klip({
      body: (name) =>
        name === 'Design'
          ? 'See [two](klip-2-missing.md), [ok](klip-template.md#x), [doc](../docs/a%20b.md), [web](https://example.com), [up](../../../etc/passwd), [here](#design).'
          : 'Text.',
    });
    const findings = only(lintFolder(clean(text), { extraFiles: ['docs/a b.md'] }), 'link-broken');
    expect(findings.map((finding) => finding.message)).toEqual([
      'The link "klip-2-missing.md" points to "design-proposals/klip-2-missing.md", which does not exist.',
      'The link "../../../etc/passwd" points outside the repository.',
    ]);
  });
});

describe('filename-format', () => {
  it('is an error without a number and a warning for other deviations', () => {
    const cases: [string, string, string][] = [
      [
        'proposal.md',
        'error',
        'The file name "proposal.md" has no KLIP number; rename it to "klip-1-proposal.md" (git mv) and update the index row\'s link to it.',
      ],
      ['klip-1-Big Idea.md', 'warning', 'rename it to "klip-1-big-idea.md"'],
      ['klip-1_big_idea.md', 'warning', 'rename it to "klip-1-big-idea.md"'],
      ['klip-01-big-idea.md', 'warning', 'rename it to "klip-1-big-idea.md"'],
    ];
    for (const [name, severity, message] of cases) {
      const findings = only(lintFolder({ [name]: klip() }), 'filename-format');
      expect(findings).toHaveLength(1);
      expect(findings[0]?.severity).toBe(severity);
      expect(findings[0]?.message).toContain(message);
    }
    expect(
      only(lintFolder({ 'klip-12-a-b-c.md': klip({ number: 12 }) }), 'filename-format'),
    ).toEqual([]);
  });
});

describe('number-mismatch', () => {
  it('points at the number in the title', () => {
    const findings = only(
      lintFolder({ 'klip-2-x.md': klip({ heading: '# KLIP 3 - X' }) }),
      'number-mismatch',
    );
    expect(
      findings.map((finding) => [
        finding.line,
        finding.column,
        finding.endColumn,
        finding.severity,
        finding.message,
      ]),
    ).toEqual([
      [
        1,
        8,
        9,
        'error',
        'The title says KLIP 3 but the file name says 2; make them agree on the reserved number.',
      ],
    ]);
  });
});

describe('number-duplicate', () => {
  it('reports each file that shares a number, and a second index row', () => {
    const findings = only(
      lintFolder({
        'klip-4-a.md': klip({ number: 4 }),
        'klip-4-b.md': klip({ number: 4 }),
        'README.md': index(
          [row(4, 'klip-4-a.md', 'In Discussion'), row(4, 'klip-4-b.md', 'In Discussion')],
          5,
        ),
      }),
      'number-duplicate',
    );
    expect(findings.map((finding) => [finding.file, finding.message])).toEqual([
      [
        'design-proposals/klip-4-a.md',
        'KLIP 4 is also claimed by klip-4-b.md; one of them needs a newly reserved number.',
      ],
      [
        'design-proposals/klip-4-b.md',
        'KLIP 4 is also claimed by klip-4-a.md; one of them needs a newly reserved number.',
      ],
      [
        'design-proposals/README.md',
        'KLIP 4 has a second index row (the first is on line 8); a number is reserved once.',
      ],
    ]);
  });
});

describe('index rules', () => {
  it('index-missing: a proposal without a row', () => {
    const findings = only(
      lintFolder({ 'klip-1-example-proposal.md': klip(), 'README.md': index([], 2) }),
      'index-missing',
    );
    expect(
      findings.map((finding) => [finding.file, finding.line, finding.column, finding.message]),
    ).toEqual([
      [
        'design-proposals/klip-1-example-proposal.md',
        1,
        8,
        'KLIP 1 has no row in the index (design-proposals/README.md); add one that links to klip-1-example-proposal.md.',
      ],
    ]);
  });

  it('index-status: the row disagrees with the file, at the status cell', () => {
    const readme = index([row(1, 'klip-1-example-proposal.md', 'Merged')], 2);
    const findings = only(
      lintFolder({ 'klip-1-example-proposal.md': klip(), 'README.md': readme }),
      'index-status',
    );
    const line = readme.split('\n').findIndex((text) => text.includes('Merged')) + 1;
    const column = (readme.split('\n')[line - 1] ?? '').indexOf('Merged') + 1;
    expect(
      findings.map((finding) => [finding.line, finding.column, finding.endColumn, finding.message]),
    ).toEqual([
      [
        line,
        column,
        column + 6,
        'The index row (README.md, line 8) says "Merged" for KLIP 1, but klip-1-example-proposal.md (line 5) says "In Discussion". One of them is out of date: if KLIP 1 is "Merged", set the Status in klip-1-example-proposal.md to "Merged"; if it is "In Discussion", change this row to "In Discussion".',
      ],
    ]);
  });

  it('index-status: Proposal agrees with In Discussion, aliases with their status', () => {
    for (const [indexStatus, fileStatus] of [
      ['Proposal', 'In Discussion'],
      ['Approved', 'Design Approved'],
      ['Discussion', '_In Discussion_'],
    ]) {
      const files = {
        'klip-1-example-proposal.md': klip({ status: fileStatus }),
        'README.md': index([row(1, 'klip-1-example-proposal.md', indexStatus as string)], 2),
      };
      expect(only(lintFolder(files), 'index-status')).toEqual([]);
    }
  });

  it('index-link: a row linking to a missing file', () => {
    const findings = only(
      lintFolder({ 'README.md': index([row(1, 'klip-1-gone.md', 'Proposal')], 2) }),
      'index-link',
    );
    expect(findings.map((finding) => [finding.line, finding.column, finding.message])).toEqual([
      [
        8,
        3,
        'The row for KLIP 1 links to "klip-1-gone.md", which does not exist: add the file (its design PR does), fix the path if the file has another name, or drop the link until the design PR.',
      ],
    ]);
  });

  it('index-next-number: not above every reserved number, at the number', () => {
    const findings = only(
      lintFolder({
        'klip-1-example-proposal.md': klip(),
        'README.md': index(
          [row(1, 'klip-1-example-proposal.md', 'In Discussion'), row(5, null, 'Proposal')],
          4,
        ),
      }),
      'index-next-number',
    );
    expect(
      findings.map((finding) => [finding.severity, finding.line, finding.column, finding.message]),
    ).toEqual([
      ['error', 3, 21, '"Next KLIP number" is 4, but 5 is already reserved; it should be 6.'],
    ]);
  });
});

describe('targets', () => {
  it('reports on the chosen files only, with cross-file facts from all', () => {
    const findings = lintFolder(
      {
        'klip-4-a.md': klip({ number: 4, status: 'Bogus' }),
        'klip-4-b.md': klip({ number: 4 }),
      },
      { targets: ['klip-4-b.md'] },
    );
    expect(findings.map((finding) => [finding.file, finding.ruleId])).toEqual([
      ['design-proposals/klip-4-b.md', 'number-duplicate'],
    ]);
  });
});

describe('the README', () => {
  it('lists every rule with its default severity and description', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').map((line) => line.split('|').map((cell) => cell.trim()));
    for (const rule of RULES) {
      // The generated table links each id to its page.
      const cells = rows.find(
        (row) => row[1] === `[\`${rule.meta.id}\`](docs/rules/${rule.meta.id}.md)`,
      );
      expect(cells).toBeDefined();
      expect(cells?.[2]?.split(' ')[0]).toBe(rule.meta.severity);
      expect(cells?.[3]).toBe(rule.meta.description);
    }
  });
});

describe('the rule pages', () => {
  it('exist for every rule, with what, why, examples, options and the fix', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const folder = new URL('../docs/rules/', import.meta.url);
    const pages = readdirSync(folder);
    for (const id of [
      ...RULES.map((rule) => rule.meta.id),
      'suppression-unused',
      'file-unreadable',
      'internal-error',
    ]) {
      expect(pages).toContain(`${id}.md`);
      const page = readFileSync(new URL(`${id}.md`, folder), 'utf8');
      expect(page.startsWith(`# \`${id}\`\n`)).toBe(true);
      for (const heading of ['## Why', '## Bad', '## Good', '## Options', '## How to fix'])
        expect(page).toContain(heading);
      const rule = RULES.find((candidate) => candidate.meta.id === id);
      if (rule) {
        expect(page).toContain(rule.meta.description);
        expect(page).toMatch(new RegExp(`\\| ${rule.meta.severity}( \\(form: \\w+\\))? +\\|`));
        for (const option of Object.keys(rule.meta.options ?? {}))
          expect(page).toContain(`\`${option}\``);
      }
    }
  });
});

describe('a rule that throws', () => {
  it('becomes an internal-error finding for that file, the rest still runs, and the run fails asking for a bug report', async () => {
    const { lint } = await import('../src/core/engine.js');
    const { buildReport, failureMessage } = await import('../src/report/report.js');
    const broken = {
      meta: {
        id: 'broken-rule',
        description: 'Throws on purpose in a test',
        severity: 'notice' as const,
        docs: 'x'.repeat(90),
        messages: {},
      },
      document: () => {
        throw new Error('boom');
      },
    };
    const result = lint({
      folder: 'd',
      proposals: [{ path: 'd/klip-1-a.md', text: klip({ status: 'Bogus' }) }],
      index: null,
      template: null,
      exists: () => true,
      rules: [broken, ...RULES],
    });
    expect(result.findings.map((finding) => [finding.ruleId, finding.message])).toEqual([
      [
        'internal-error',
        'Rule broken-rule failed on this file (boom); please report this as a klip-lint bug, naming the rule broken-rule.',
      ],
      ['status-unknown', expect.stringMatching(/^Unknown status "Bogus"/)],
    ]);
    const report = buildReport(result, { folder: 'd', version: '0' });
    expect(failureMessage(report, 'never')).toBe(
      'klip-lint hit an internal error in rule broken-rule (on d/klip-1-a.md); the other rules ran. Please report it as a klip-lint bug, naming the rule and, if you can, the file.',
    );
  });

  it('so does a file the parser cannot take: the others are still checked', async () => {
    const { lint } = await import('../src/core/engine.js');
    const { buildReport, failureMessage } = await import('../src/report/report.js');
    // What no file on disk holds, as a stand-in for a parser bug: a text that is not a string.
    const result = lint({
      folder: 'd',
      proposals: [
        { path: 'd/klip-1-a.md', text: null as unknown as string },
        { path: 'd/klip-2-b.md', text: klip({ number: 2, status: 'Bogus' }) },
      ],
      index: null,
      template: null,
      exists: () => true,
    });
    expect(result.findings.map((finding) => [finding.file, finding.ruleId, finding.klip])).toEqual([
      ['d/klip-1-a.md', 'internal-error', 1],
      ['d/klip-2-b.md', 'status-unknown', 2],
    ]);
    expect(result.findings[0]?.message).toMatch(
      /^klip-lint could not parse this file \(.+\), so its rules did not run; please report this as a klip-lint bug/,
    );
    const report = buildReport(result, { folder: 'd', version: '0' });
    expect(failureMessage(report, 'never')).toMatch(
      /^klip-lint hit an internal error in the Markdown parser \(on d\/klip-1-a.md\)/,
    );
  });
});
