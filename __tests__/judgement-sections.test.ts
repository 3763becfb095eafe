import { ConfigError, parseConfig } from '../src/config/load.js';
import { lint } from '../src/core/engine.js';
import { applyFixes } from '../src/core/apply-fixes.js';
import { resolveSectionSettings } from '../src/core/section-names.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import type { Finding } from '../src/model/types.js';
import { index, klip, lintFolder, only, row, SECTIONS, TEMPLATE } from './helpers/fixtures.js';

// Proposals of our own, shaped like the real folder's, judged as a maintainer would.

const FILE = 'klip-1-example-proposal.md';
const folderOf = (text: string, status = 'In Discussion', extra: Record<string, string> = {}) => ({
  [FILE]: text,
  'README.md': index([row(1, FILE, status)], 2),
  ...extra,
});
const findingsOf = (text: string, rule: string, extra: Record<string, string> = {}) =>
  only(lintFolder(folderOf(text, 'In Discussion', extra)), rule);

/** Replaces a section's heading in a clean proposal (`null` drops the section). */
function renamed(names: Record<string, string | null>, options: Parameters<typeof klip>[0] = {}) {
  let text = klip(options);
  for (const [from, to] of Object.entries(names)) {
    const heading = new RegExp(`^(#+) ${from.replace(/[/]/g, '\\/')}\\n\\n[^\\n]*\\n`, 'm');
    text = text.replace(heading, (all, marks: string) =>
      to === null ? '' : all.replace(`${marks} ${from}`, to),
    );
  }
  return text;
}

describe('status-alias: the template spelling is right', () => {
  it.each([
    '_In Discussion_',
    '**Merged**',
    'In development',
    '_In development_',
    'in discussion',
    '__Design Approved__',
    '*Merged* |',
  ])('accepts %j', (status) => {
    expect(findingsOf(klip({ status }), 'status-alias')).toEqual([]);
    expect(findingsOf(klip({ status }), 'status-unknown')).toEqual([]);
  });

  it.each([
    ['Approved', 'Design Approved'],
    ['_Approved_', 'Design Approved'],
    ['**Accepted**', 'Design Approved'],
    ['_Discussion_', 'In Discussion'],
    ['discussion', 'In Discussion'],
  ])('reports another word %j and fixes only the word', (status, canonical) => {
    const text = klip({ status });
    const [finding, ...rest] = findingsOf(text, 'status-alias');
    expect(rest).toEqual([]);
    const word = status.replace(/^[_*]+|[_*]+$/g, '');
    expect(finding?.message).toBe(
      `Status "${word}" is another word for "${canonical}"; write "${canonical}", the name the process and the index use.`,
    );
    const fixed = applyFixes(text, [finding?.fix?.edits ?? []]).text;
    expect(fixed.split('\n')[4]).toBe(`**Status**: ${status.replace(word, canonical)} | `);
  });

  it("accepts another word when the template's own Status line spells it so", () => {
    const template = TEMPLATE.replace(
      '**Status**: _In Discussion_ or _Merged_',
      '**Status**: _In Discussion_ or _Approved_ or _Merged_',
    );
    const files = folderOf(klip({ status: '_Approved_' }), 'Approved', {
      'klip-template.md': template,
    });
    expect(only(lintFolder(files), 'status-alias')).toEqual([]);
  });

  it('reports the index-only status in a file', () => {
    expect(findingsOf(klip({ status: 'Proposed' }), 'status-alias')[0]?.message).toBe(
      '"Proposed" is an index status (a number reserved, no text yet); a proposal file starts at "In Discussion": write "In Discussion".',
    );
  });
});

describe('section-missing: sections found by meaning', () => {
  const quiet = (text: string, status = 'In Discussion') => {
    const found = lintFolder(folderOf(text, status)).filter((finding) =>
      ['section-missing', 'section-order', 'section-empty'].includes(finding.ruleId),
    );
    expect(found.map((finding) => `${finding.ruleId}:${finding.line} ${finding.message}`)).toEqual(
      [],
    );
  };

  it('finds a section of that name at any level', () => {
    const text = renamed({
      'What is in scope': '## Scope\n\nTwo parts.\n\n### What is in scope',
      'What is not in scope': '### What is not in scope',
    });
    quiet(text);
  });

  it.each([
    [{ 'What is in scope': '## Scope', 'What is not in scope': null }],
    [{ 'What is in scope': '## Goals and non-goals', 'What is not in scope': null }],
    [{ 'What is in scope': '## Goals', 'What is not in scope': '## Non-goals' }],
    [{ 'What is in scope': '## In scope', 'What is not in scope': '## Out of scope' }],
  ])('lets one heading cover both scope sections: %j', (names) => {
    quiet(renamed(names));
  });

  it('accepts the renamings real proposals use', () => {
    const text = renamed(
      {
        'Motivation and background': '## Background\n\nWhy.\n\n## Motivation',
        'Value/Return': '## Value',
        'Public APIS': '## Public API',
        Design: '## High Level Design',
        'LOEs and Delivery Milestones': '## Delivery Milestones',
        'Documentation Updates': '## Documentation',
        'Compatibility Implications': '## Backward compatibility',
      },
      { status: 'Merged' },
    );
    quiet(text, 'Merged');
  });

  it('generalises: plurals, casing, numbering, synonyms, shortenings and elaborations', () => {
    const text = renamed(
      {
        'Motivation and background': '## 1. Motivation',
        'Value/Return': '## Benefits',
        'Public APIS': '## Public interfaces',
        Design: '## Proposed design',
        'Test plan': '## Testing',
        'LOEs and Delivery Milestones': '## Milestones',
        'Documentation Updates': '## Docs',
        'Compatibility Implications': '# COMPATIBILITY',
        'Security Implications': '## Security considerations',
      },
      { status: 'Merged' },
    );
    quiet(text, 'Merged');
  });

  it('does not take a heading about something beside the section for it', () => {
    const text = renamed({ Design: '## Rejected designs' });
    const findings = findingsOf(text, 'section-missing');
    expect(findings.map((finding) => finding.message)).toEqual([
      'Section "Design" is missing; add "## Design" before "Test plan".',
    ]);
  });

  it('takes a deeper heading that shortens the name for the section (the test plan inside Design)', () => {
    const text = renamed({ 'Test plan': null }).replace(
      'Real content about design.',
      'Real content about design.\n\n### Testing\n\nHow the parts are checked.',
    );
    expect(findingsOf(text, 'section-missing')).toEqual([]);
  });

  it('does not take a deeper heading that only shares some meaning: it is a part of another section', () => {
    const text = renamed({ 'Test plan': null }).replace(
      'Real content about design.',
      'Real content about design.\n\n### Plan of the rollout\n\nIn three steps.',
    );
    expect(findingsOf(text, 'section-missing').map((finding) => finding.message)).toEqual([
      'Section "Test plan" is missing; add "## Test plan" before "LOEs and Delivery Milestones".',
    ]);
  });

  it('places a missing section before the next one in order, not before one moved further down', () => {
    // Value/Return is gone and Public APIS was moved below Design: the place is before Design.
    let text = renamed({ 'Value/Return': null });
    const apis = /## Public APIS\n\n[^\n]*\n/.exec(text)?.[0] ?? '';
    text = text.replace(apis, '');
    text = text.replace(/(## Design\n\n[^\n]*\n)/, `$1\n${apis}`);
    const line = text.split('\n').indexOf('## Design') + 1;
    const findings = findingsOf(text, 'section-missing');
    expect(findings.map((finding) => [finding.line, finding.message])).toEqual([
      [line, 'Section "Value/Return" is missing; add "## Value/Return" before "Design".'],
    ]);
  });

  it('takes a deeper heading with the same words (plural, casing) for the section', () => {
    const text = renamed({ 'Test plan': null }).replace(
      'Real content about design.',
      'Real content about design.\n\n### TEST PLANS\n\nUnit and load tests.',
    );
    expect(findingsOf(text, 'section-missing')).toEqual([]);
  });

  it('lets a heading of several parts cover a section for each, and reads Value/Return as either word', () => {
    const text = renamed(
      {
        'Motivation and background': '## Motivation and goals',
        'What is in scope': null,
        'What is not in scope': null,
        'Value/Return': '## Value proposition',
        Design: '## Design & test plan',
        'Test plan': null,
        'Compatibility Implications': '## Compatibility, upgrades and security',
        'Security Implications': null,
      },
      { status: 'Merged' },
    );
    const found = findingsOf(text, 'section-missing').map((finding) => finding.message);
    expect(found).toEqual([
      'Section "What is not in scope" is missing; add "## What is not in scope" before "Value proposition".',
    ]);
  });

  it('reads a few more common names through the synonym table', () => {
    const text = renamed(
      {
        'Motivation and background': '## Context',
        'What is in scope': '## Requirements',
        'LOEs and Delivery Milestones': '## Timeline',
      },
      { status: 'Merged' },
    );
    quiet(text, 'Merged');
  });

  it('stays linear on hostile headings', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}x`).join(' ');
    const headings = Array.from({ length: 2000 }, (_, i) => `## ${words} ${i}\n\nText.\n`);
    const text = `${klip()}\n${headings.join('\n')}\n## constructor toString __proto__\n\nText.\n`;
    const start = Date.now();
    expect(findingsOf(text, 'section-missing')).toEqual([]);
    expect(Date.now() - start).toBeLessThan(10_000);
  });

  it('asks to rename a near heading, naming its line, never to add a second one', () => {
    const text = renamed({ 'Motivation and background': '## Problem background and history' });
    const findings = findingsOf(text, 'section-missing');
    const line = text.split('\n').indexOf('## Problem background and history') + 1;
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBe(line);
    expect(findings[0]?.message).toContain(`on line ${line}`);
    expect(findings[0]?.message).toContain('rename that heading to "## Motivation and background"');
    expect(findings[0]?.message).not.toMatch(/\badd\b/);
  });

  it('requires LOEs and Delivery Milestones from Design Approved on, by default', () => {
    const without = (status: string) =>
      only(
        lintFolder(folderOf(renamed({ 'LOEs and Delivery Milestones': null }, { status }))),
        'section-missing',
      ).map((finding) => finding.message);
    expect(without('In Discussion')).toEqual([]);
    expect(without('_In Discussion_')).toEqual([]);
    expect(without('Rejected')).toEqual([]);
    for (const status of ['Design Approved', '_Approved_', 'In development', 'Merged'])
      expect(without(status)).toEqual([
        'Section "LOEs and Delivery Milestones" is missing (required from Design Approved on); add "## LOEs and Delivery Milestones" before "Documentation Updates".',
      ]);
    // A free-text status that names only later statuses has reached them.
    expect(without('values: Merged, keys: Design Approved')).toHaveLength(1);
  });

  it('takes renamings, synonyms and stages from the configuration, validated', () => {
    const settings = {
      ...DEFAULT_CONFIG,
      sections: resolveSectionSettings({
        aliases: { 'Test plan': ['Verification'] },
        synonyms: { rationale: 'motivation' },
        requiredFrom: { 'Security Implications': 'Merged' },
      }),
    };
    const text = renamed(
      {
        'Test plan': '## Verification',
        'Motivation and background': '## Rationale',
        'Security Implications': null,
      },
      { status: 'Design Approved' },
    );
    const result = lint({
      folder: 'design-proposals',
      proposals: [{ path: `design-proposals/${FILE}`, text }],
      index: null,
      template: { path: 'design-proposals/klip-template.md', text: TEMPLATE },
      exists: () => true,
      settings,
    });
    expect(only(result.findings, 'section-missing')).toEqual([]);

    const config = parseConfig(
      'sections:\n  aliases:\n    Test plan: [Verification]\n  requiredFrom:\n    Security Implications: Merged\n',
      '.github/klip-lint.yml',
    );
    expect(config.sections.aliases['Test plan']).toEqual(['Verification']);
    expect(config.sections.aliases['Value/Return']).toEqual(['Value']);
    expect(config.sections.requiredFrom['LOEs and Delivery Milestones']).toBe('Design Approved');
    const error = (text: string) => {
      try {
        parseConfig(text, '.github/klip-lint.yml');
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('no error');
    };
    expect(error('sections:\n  requiredFrom:\n    Test plan: Mergd\n').reason).toBe(
      'sections.requiredFrom.Test plan: "Mergd" is not a status of the vocabulary (did you mean "Merged"?); the statuses are Proposal, In Discussion, Design Approved, In Development, Merged, Rejected, Withdrawn, Superseded.',
    );
    expect(error('sections:\n  renames: {}\n').reason).toBe(
      'sections: unknown key "renames"; allowed: aliases, synonyms, requiredFrom.',
    );
    expect(error('sections:\n  aliases:\n    Design: Approach\n')).toMatchObject({ line: 3 });
  });
});

describe('the sections configuration, end to end', () => {
  it('reaches the rules from .github/klip-lint.yml', async () => {
    const { lintFolder: lintTree } = await import('../src/use-cases/lint-folder.js');
    const { tempDir, writeFiles } = await import('./helpers/run.js');
    const root = tempDir();
    const text = renamed(
      { 'Test plan': '## Verification', 'LOEs and Delivery Milestones': null },
      { status: 'Design Approved' },
    );
    writeFiles(root, {
      'design-proposals/klip-template.md': TEMPLATE,
      'design-proposals/README.md': index([row(1, FILE, 'Design Approved')], 2),
      [`design-proposals/${FILE}`]: text,
    });
    const yaml =
      'sections:\n  aliases:\n    Test plan: [Verification]\n  requiredFrom:\n    LOEs and Delivery Milestones: Merged\n';
    const report = await lintTree(root, parseConfig(yaml, '.github/klip-lint.yml'));
    expect(report.findings.filter((finding) => finding.ruleId.startsWith('section'))).toEqual([]);
    const strict = parseConfig(
      'sections:\n  requiredFrom:\n    Test plan: In Discussion\n',
      '.github/klip-lint.yml',
    );
    const again = await lintTree(root, strict);
    expect(
      again.findings
        .filter((finding) => finding.ruleId === 'section-missing')
        .map((finding) => finding.message),
    ).toEqual([
      'Section "Test plan" is missing (required from In Discussion on); add "## Test plan" before "Documentation Updates".',
      'Section "LOEs and Delivery Milestones" is missing (required from Design Approved on); add "## LOEs and Delivery Milestones" before "Documentation Updates".',
    ]);
  });
});

describe('section-empty', () => {
  it('counts deeper headings with text as content', () => {
    const text = `${klip()}\n# Rejected alternatives\n\n## Option A\n\nToo slow.\n`;
    expect(findingsOf(text, 'section-empty')).toEqual([]);
    const design = klip({
      body: (name) => (name === 'Design' ? '### Storage\n\nRows.\n\n### Wire\n\nBytes.' : 'Text.'),
    });
    expect(findingsOf(design, 'section-empty')).toEqual([]);
  });

  it('still reports an empty template section followed by another section', () => {
    const text = klip({ body: (name) => (name === 'Compatibility Implications' ? '' : 'Text.') });
    expect(findingsOf(text, 'section-empty').map((finding) => finding.message)).toEqual([
      'Section "Compatibility Implications" is empty; write it, or say why it does not apply.',
    ]);
  });

  it('accepts an empty heading whose parts follow it', () => {
    const text = klip({
      body: (name) => (name === 'Motivation and background' ? '' : 'Text.'),
    }).replace(
      '## What is in scope',
      '## Background\n\nHistory.\n\n## Motivation\n\nThe need.\n\n## What is in scope',
    );
    expect(findingsOf(text, 'section-empty')).toEqual([]);
  });

  it('reports filler from Design Approved on, in template sections only', () => {
    const withFiller = (status: string, filler: string, section = 'Test plan') =>
      only(
        lintFolder(
          folderOf(klip({ status, body: (name) => (name === section ? filler : 'Text.') }), status),
        ),
        'section-empty',
      );
    expect(withFiller('In Discussion', 'TBD')).toEqual([]);
    for (const filler of ['TBD', 'TODO', '_TODO_', 'N/A', 'n/a.', 'TBD: after the spike', '...'])
      expect(withFiller('Design Approved', filler)).toHaveLength(1);
    expect(withFiller('Merged', 'N/A')[0]?.message).toBe(
      'Section "Test plan" holds only "N/A", filler a proposal at Design Approved or later should have replaced; write it, or say in a line why it does not apply.',
    );
    expect(withFiller('Merged', 'N/A: no user-visible change, so nothing to document.')).toEqual(
      [],
    );
    expect(withFiller('Merged', 'None.')).toEqual([]);
    const extra = `${klip({ status: 'Merged' })}\n## Performance Implications\n\nN/A\n`;
    expect(only(lintFolder(folderOf(extra, 'Merged')), 'section-empty')).toEqual([]);
  });
});

describe('a stub or a fresh copy is one finding', () => {
  const all = (text: string): Finding[] =>
    lintFolder(folderOf(text)).filter((finding) => finding.file.endsWith(FILE));

  it.each([
    ['only a title', '# KLIP 1 - Example Proposal\n'],
    ['a title and a line', '# KLIP 1 - Example Proposal\n\nA placeholder, text to come.\n'],
  ])('%s', (_, text) => {
    const findings = all(text);
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ['section-missing', 1],
    ]);
    expect(findings[0]?.message).toMatch(
      /^KLIP 1 holds only its title: a number reserved, the text still to come\. Write it from the template: the metadata \(Author, Release Target, Status, Discussion\), a tl;dr and the sections "## Motivation and background", .*"## Security Implications"\.$/,
    );
  });

  it('an empty file', () => {
    const findings = all('\n');
    expect(findings.map((finding) => finding.ruleId)).toEqual(['section-missing', 'title-format']);
    expect(findings[0]?.message).toMatch(/^KLIP 1 has no text yet: a number reserved/);
  });

  it('a title and metadata', () => {
    const text = klip().split('\n').slice(0, 6).join('\n');
    const findings = all(text);
    expect(findings.map((finding) => finding.ruleId)).toEqual(['section-missing']);
    expect(findings[0]?.message).toContain('Write it from the template: a tl;dr and the sections');
  });

  it('a title and metadata still holding the template placeholders', () => {
    const text = [
      '# KLIP 1 - Example Proposal',
      '',
      '**Author**: _your name here_ | ',
      '**Release Target**: _target release_ | ',
      '**Status**: _In Discussion_ | ',
      '**Discussion**: _link to the discussion PR_',
      '',
    ].join('\n');
    const findings = all(text);
    expect(findings.map((finding) => finding.ruleId)).toEqual(['section-missing']);
    expect(findings[0]?.message).toContain(
      'Write it from the template: the metadata (Author, Release Target, Status, Discussion), a tl;dr and the sections',
    );
  });

  it('a text with none of the sections', () => {
    const prose = Array.from({ length: 8 }, (_, i) => `Paragraph ${i} of the idea.\n`).join('\n');
    const text = `${klip().split('\n').slice(0, 8).join('\n')}\n${prose}`;
    const findings = only(all(text), 'section-missing');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/^None of the template's sections is here; put the text/);
  });

  it("a fresh copy of the template's guidance: one finding at its first section", () => {
    const text = klip({ body: (name) => `_Guidance for ${name.toLowerCase()}._` });
    const findings = only(all(text), 'section-placeholder');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBe(text.split('\n').indexOf('## Motivation and background') + 1);
    expect(findings[0]?.message).toBe(
      `11 of 11 sections still hold only the template's guidance; write them in this proposal's words: ${SECTIONS.map((name) => `"${name}"`).join(', ')}.`,
    );
  });

  it('a proposal with one section left as guidance keeps its one finding', () => {
    const text = klip({
      body: (name) => (name === 'Design' ? '_Guidance for design._' : 'Text.'),
    });
    expect(only(all(text), 'section-placeholder').map((finding) => finding.message)).toEqual([
      `Section "Design" holds only the template's guidance text; replace it with this proposal's content.`,
    ]);
  });
});

describe('older template forms', () => {
  const OLD_TEMPLATE = `# KLIP Number - Title

Author: _your name here_ |
Release Target: _target release_ |
Status: _In Discussion_ or _Approved_ or _Merged_ |
Discussion: _link to the discussion PR_

## tl;dr

_Why this matters and who benefits._

${SECTIONS.map((name) => `## ${name}\n\n_Guidance for ${name.toLowerCase()}._\n`).join('\n')}`;
  const withOld = (text: string) =>
    lintFolder(folderOf(text, 'In Discussion', { 'klip-template.md': OLD_TEMPLATE })).filter(
      (finding) => finding.file.endsWith(FILE),
    );

  it('yields the same fields and sections; the tl;dr may be written either way', () => {
    expect(withOld(klip())).toEqual([]);
    const sectionForm = klip().replace(
      '**tl;dr:** A short reason for this proposal and who gains from it.',
      '## tl;dr\n\nA short reason for this proposal and who gains from it.',
    );
    expect(withOld(sectionForm)).toEqual([]);
    // With the current template too.
    expect(lintFolder(folderOf(sectionForm))).toEqual([]);
  });

  it("accepts the older template's own plain field form, and a field name in another case", () => {
    const plain = klip({
      metadata: [
        'Author: A |',
        'Release target: 1.0 |',
        'Status: In Discussion |',
        'Discussion: https://github.com/o/r/pull/1',
      ],
    });
    expect(withOld(plain)).toEqual([]);
    // With the current (bold) template, the plain form is still reported, the casing not.
    const findings = only(lintFolder(folderOf(plain)), 'metadata-format');
    expect(findings.map((finding) => finding.message)).toEqual([
      'Write the field as "**Author**: A".',
      'Write the field as "**Release Target**: 1.0".',
      'Write the field as "**Status**: In Discussion".',
      'Write the field as "**Discussion**: https://github.com/o/r/pull/1".',
    ]);
  });

  it('reads the fields and the tl;dr placeholder from the plain form', () => {
    const text = klip({
      metadata: ['**Author**: A |', '**Status**: In Discussion |', '**Release Target**: 1.0 |'],
    });
    expect(only(withOld(text), 'metadata-missing').map((finding) => finding.message)).toEqual([
      'Metadata field "Discussion" is missing; add a line "**Discussion**: <value>" with the other fields.',
    ]);
    const copied = klip().replace(
      '**tl;dr:** A short reason for this proposal and who gains from it.',
      '## tl;dr\n\n_Why this matters and who benefits._',
    );
    expect(only(withOld(copied), 'tldr-missing').map((finding) => finding.message)).toEqual([
      "The tl;dr is still the template's text: replace it with this proposal's.",
    ]);
    // The template's own spelling `Approved` is right in its proposals.
    expect(only(withOld(klip({ status: '_Approved_' })), 'status-alias')).toEqual([]);
  });

  it('reads a plain Status line among bold fields', () => {
    const template = TEMPLATE.replace('**Status**: _In Discussion_', 'Status: _In Discussion_');
    const findings = lintFolder(
      folderOf(klip({ status: 'Someday' }), 'In Discussion', { 'klip-template.md': template }),
    );
    expect(findings.filter((finding) => finding.file.endsWith('klip-template.md'))).toEqual([]);
    expect(only(findings, 'status-unknown')).toHaveLength(1);
  });

  it('a template without a Status field: one clear error on it, and statuses still checked', () => {
    const template = TEMPLATE.replace(/^\*\*Status\*\*.*\n/m, '');
    const findings = lintFolder(
      folderOf(klip({ status: 'Someday' }), 'In Discussion', { 'klip-template.md': template }),
    );
    const onTemplate = findings.filter((finding) => finding.file.endsWith('klip-template.md'));
    expect(onTemplate.map((finding) => [finding.ruleId, finding.severity, finding.line])).toEqual([
      ['metadata-missing', 'error', 1],
    ]);
    expect(onTemplate[0]?.message).toMatch(
      /^The template has no Status field klip-lint can read, so no proposal's status could be checked; add a line "\*\*Status\*\*: _In Discussion_ or /,
    );
    expect(only(findings, 'status-unknown').map((finding) => finding.file)).toEqual([
      `design-proposals/${FILE}`,
    ]);
  });
});
