import { parseKlip } from '../src/parse/document.js';
import { parseSuppressions } from '../src/parse/suppressions.js';
import { parseIndex } from '../src/parse/index-readme.js';
import { BUILTIN_TEMPLATE, parseTemplate } from '../src/parse/template.js';
import { SECTIONS, TEMPLATE, index, klip, row } from './helpers/fixtures.js';

const template = parseTemplate({ path: 'design-proposals/klip-template.md', text: TEMPLATE });
const parse = (text: string, path = 'design-proposals/klip-7-x.md') =>
  parseKlip({ path, text }, template);

describe('the title', () => {
  it.each([
    ['# KLIP 7 - Seven', 7, 'Seven', true],
    ['# KLIP-7: Seven', 7, 'Seven', false],
    ['# KLIP-7 - Seven', 7, 'Seven', false],
    ['  # KLIP 7 - Seven', 7, 'Seven', true],
    ['\uFEFF# KLIP 7 - Seven', 7, 'Seven', true],
    ['# Seven', null, 'Seven', false],
  ])('reads %j', (heading, number, name, canonical) => {
    const { title } = parse(`${heading}\n\nText.\n`);
    expect(title).toMatchObject({ number, name, canonical });
  });

  it('gives the exact range of the number, after a byte-order mark and indentation', () => {
    expect(parse('\uFEFF# KLIP 17 - X\n').title?.numberRange).toEqual({
      line: 1,
      column: 8,
      endLine: 1,
      endColumn: 10,
    });
    expect(parse('  # KLIP-17: X\n').title?.numberRange).toEqual({
      line: 1,
      column: 10,
      endLine: 1,
      endColumn: 12,
    });
  });
});

describe('metadata fields', () => {
  it('removes decoration from the value and keeps the exact range of the value as written', () => {
    const document = parse(
      '# KLIP 7 - X\n\n**Author**: Ann | \n**Status**: _Merged_ |\n**tl;dr**: not a field\nRelease Target: **5.4** \n**Discussion**:\n',
    );
    expect(
      document.fields.map((field) => [
        field.name,
        field.key,
        field.value,
        field.rawValue,
        field.canonical,
      ]),
    ).toEqual([
      ['Author', 'author', 'Ann', 'Ann', true],
      ['Status', 'status', 'Merged', '_Merged_', true],
      ['Release Target', 'release target', '5.4', '**5.4**', false],
      ['Discussion', 'discussion', '', '', true],
    ]);
    expect(document.fields[1]?.valueRange).toEqual({
      line: 4,
      column: 13,
      endLine: 4,
      endColumn: 21,
    });
    expect(document.fields[3]?.valueRange).toEqual({
      line: 7,
      column: 16,
      endLine: 7,
      endColumn: 16,
    });
  });

  it('reads the same with CRLF and lone CR line endings', () => {
    for (const eol of ['\r\n', '\r']) {
      const document = parse(
        ['# KLIP 7 - X', '', '**Status**: Merged |', '**Author**: A'].join(eol),
      );
      expect(document.fields.map((field) => [field.value, field.valueRange.line])).toEqual([
        ['Merged', 3],
        ['A', 4],
      ]);
    }
  });

  it('ignores field-like lines inside code blocks and unknown fields', () => {
    const document = parse('# KLIP 7 - X\n\n```\n**Status**: Merged\n```\n\n**Reviewer**: Bob\n');
    expect(document.fields).toEqual([]);
  });
});

describe('tl;dr and sections', () => {
  it('reads the tl;dr paragraph across lines', () => {
    const document = parse(
      '# KLIP 7 - X\n\n**tl;dr:** _First line\nsecond line._\n\n## Design\n\nText.\n',
    );
    expect(document.tldr).toEqual({
      text: 'first line second line.',
      range: { line: 3, column: 1, endLine: 4, endColumn: 14 },
    });
  });

  it('gives each heading its level, range and content', () => {
    const document = parse(
      klip({
        body: (name) =>
          name === 'Design'
            ? ''
            : name === 'Test plan'
              ? '_Guidance for test plan._'
              : `About ${name}.`,
      }),
    );
    expect(document.sections.map((section) => section.heading)).toEqual(SECTIONS);
    const design = document.sections.find((section) => section.heading === 'Design');
    expect(design).toMatchObject({ depth: 2, hasContent: false, guidanceOnly: false });
    expect(document.sections.find((section) => section.heading === 'Test plan')).toMatchObject({
      guidanceOnly: true,
    });
    const compatibility = document.sections.find(
      (section) => section.heading === 'Compatibility Implications',
    );
    expect(compatibility).toMatchObject({
      depth: 1,
      hasContent: true,
      guidanceOnly: false,
    });
  });
});

describe('the template', () => {
  it('gives fields, placeholders, the tl;dr and sections in order', () => {
    expect(template.fields.map((field) => [field.name, field.placeholder])).toEqual([
      ['Author', 'your name here'],
      ['Release Target', 'target release'],
      ['Status', 'in discussion or merged'],
      ['Discussion', 'link to the discussion pr'],
    ]);
    expect(template.tldrPlaceholder).toBe('why this matters and who benefits.');
    expect(template.sections.map((section) => [section.name, section.depth])).toEqual(
      SECTIONS.map((name) => [name, name === 'Compatibility Implications' ? 1 : 2]),
    );
    expect([...(template.sections[5]?.guidance ?? [])]).toEqual(['guidance for design.']);
  });

  it('has a built-in fallback with the standard structure', () => {
    expect(BUILTIN_TEMPLATE.sections.map((section) => section.name)).toEqual(SECTIONS);
    expect(BUILTIN_TEMPLATE.fields.map((field) => field.name)).toEqual([
      'Author',
      'Release Target',
      'Status',
      'Discussion',
    ]);
  });
});

describe('the index', () => {
  it('reads rows, links, statuses and the next number with their positions', () => {
    const text = index([row(1, 'klip-1-a.md', 'Merged'), row(2, null, 'Proposal')], 3);
    const parsed = parseIndex({ path: 'design-proposals/README.md', text });
    expect(parsed.nextNumber).toBe(3);
    expect(parsed.nextNumberRange).toEqual({ line: 3, column: 21, endLine: 3, endColumn: 22 });
    expect(parsed.rows.map((entry) => [entry.number, entry.href, entry.status])).toEqual([
      [null, 'klip-template.md', '-'],
      [1, 'klip-1-a.md', 'Merged'],
      [2, null, 'Proposal'],
    ]);
    const line = text.split('\n')[7] ?? '';
    expect(parsed.rows[1]?.statusRange).toEqual({
      line: 8,
      column: line.indexOf('Merged') + 1,
      endLine: 8,
      endColumn: line.indexOf('Merged') + 7,
    });
  });
});

describe('suppression comments', () => {
  const html = (value: string) => ({
    type: 'root' as const,
    children: [
      {
        type: 'html' as const,
        value,
        position: { start: { line: 3, column: 1 }, end: { line: 4, column: 4 } },
      },
    ],
  });
  const read = (value: string) =>
    parseSuppressions(html(value)).map((found) => [found.kind, found.rules]);

  it('reads each directive up to the next -->, and none without one', () => {
    expect(
      read(
        '<!-- a <!-- klip-lint-disable x, y --> <!--klip-lint-enable--><!-- klip-lint-disable-next-line',
      ),
    ).toEqual([
      ['disable', ['x', 'y']],
      ['enable', []],
    ]);
    expect(read('<!-- klip-lint-disabled x -->')).toEqual([]);
    expect(read('<!-- klip-lint-disable\nx\n-->')).toEqual([['disable', ['x']]]);
  });
});

describe('an empty file', () => {
  it('gives the same document whether parsed or known by its name only', async () => {
    const { emptyDocument } = await import('../src/parse/document.js');
    expect(emptyDocument('design-proposals/klip-7-x.md')).toEqual(parse(''));
  });
});
