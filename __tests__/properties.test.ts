import fc from 'fast-check';
import { lint } from '../src/core/engine.js';
import { defuse } from '../src/parse/markdown.js';
import type { Finding } from '../src/model/types.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';

// npm test runs a sample; `npm run fuzz` runs the same properties FUZZ_RUNS times (default 5000).
const runs = Number(process.env.FUZZ_RUNS ?? 50);

const FRAGMENTS = [
  '# KLIP 1 - Title',
  '#KLIP-2: x',
  '  # KLIP 3 -',
  '## Design',
  '# Compatibility Implications',
  '### Sub',
  'Title\n=====',
  '**Author**: someone |',
  '**Status**: _Merged_ |',
  'Status: In Discussion',
  '**Status**:',
  '**Discussion**: [#1](https://github.com/o/r/pull/1)',
  '**tl;dr:** text',
  '**tl;dr**:',
  '- item',
  '  - nested',
  '1. first',
  '> quote',
  '```',
  '~~~sql',
  '| KLIP | Status |',
  '|---|---|',
  '| [KLIP-1: A](klip-1-a.md) | Merged |',
  'Next KLIP number: **7**',
  '<!-- klip-lint-disable -->',
  '<!-- klip-lint-enable section-empty -->',
  '<!-- klip-lint-disable-next-line x -->',
  '[link](../../x.md)',
  '![img](a b.png)',
  '*a* _b_ **c** ~~d~~ `e`',
  '\uFEFF',
  '\t',
  '',
];

const markdownish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 40 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));

/** Edits of a real-looking proposal: characters inserted, deleted or replaced anywhere. */
const mutated = fc
  .array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 6 })), { maxLength: 8 })
  .map((edits) =>
    edits.reduce(
      (text, [at, remove, insert]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position + remove);
      },
      klip({ number: 4, title: 'Fuzz', status: '_Approved_' }),
    ),
  );

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), markdownish, mutated);

function lines(text: string): number[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.length);
}

function lintAll(proposal: string, readme: string): Finding[] {
  const path = (name: string) => `d/${name}`;
  return lint({
    folder: 'd',
    proposals: [
      { path: path('klip-4-fuzz.md'), text: proposal },
      { path: path('klip-5-ok.md'), text: klip({ number: 5 }) },
    ],
    index: { path: path('README.md'), text: readme },
    template: { path: path('klip-template.md'), text: TEMPLATE },
    exists: () => false,
  }).findings;
}

function insideFile(finding: Finding, texts: Record<string, string>): boolean {
  const lengths = lines(texts[finding.file] ?? '');
  const inside = (line: number, column: number) =>
    line >= 1 && line <= lengths.length && column >= 1 && column <= (lengths[line - 1] ?? 0) + 1;
  const ordered =
    finding.line < finding.endLine ||
    (finding.line === finding.endLine && finding.column <= finding.endColumn);
  return (
    inside(finding.line, finding.column) && inside(finding.endLine, finding.endColumn) && ordered
  );
}

describe('properties of the parser and every rule', () => {
  const readme = index(
    [row(4, 'klip-4-fuzz.md', 'Merged'), row(5, 'klip-5-ok.md', 'In Discussion')],
    6,
  );

  it('never throw, keep every position inside its file, and give the same findings twice', () => {
    fc.assert(
      fc.property(anyText, anyText, (proposal, otherReadme) => {
        for (const [text, indexText] of [
          [proposal, readme],
          [klip({ number: 4 }), otherReadme],
        ] as const) {
          const findings = lintAll(text, indexText);
          const texts = {
            'd/klip-4-fuzz.md': text,
            'd/klip-5-ok.md': klip({ number: 5 }),
            'd/README.md': indexText,
          };
          for (const finding of findings) {
            if (finding.ruleId === 'internal-error') throw new Error(finding.message);
            if (!insideFile(finding, texts))
              throw new Error(`outside the file: ${JSON.stringify(finding)}`);
          }
          expect(lintAll(text, indexText)).toEqual(findings);
        }
      }),
      { numRuns: runs },
    );
  });

  it('defusing keeps every line and column where it was', () => {
    fc.assert(
      fc.property(anyText, fc.nat({ max: 3000 }), (text, repeat) => {
        const input = text + '*a_['.repeat(repeat);
        const output = defuse(input);
        expect(output.length).toBe(input.length);
        expect(lines(output)).toEqual(lines(input));
      }),
      { numRuns: runs },
    );
  });
});
