import { addedLines } from '../src/sources/github/patch.js';
import { chooseReviewers } from '../src/sources/github/reviewers.js';
import { takePartInputs } from '../src/action/take-part-inputs.js';
import {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  nextStatuses,
  renderComment,
  requestedBefore,
  type CommentInput,
} from '../src/report/pr-comment.js';
import { countFindings, type Report } from '../src/report/report.js';
import {
  planSuggestions,
  suggestionKeys,
  type SuggestionInput,
} from '../src/report/suggestions.js';
import { DEFAULT_VOCABULARY } from '../src/model/status.js';
import type { Finding, Fix } from '../src/model/types.js';

const FILE = 'design-proposals/klip-1-a.md';

function finding(line: number, fix?: Fix, severity: Finding['severity'] = 'warning'): Finding {
  return {
    ruleId: 'metadata-format',
    severity,
    file: FILE,
    line,
    column: 1,
    endLine: line,
    endColumn: 5,
    message: `problem on line ${line}`,
    messageId: 'form',
    klip: 1,
    ...(fix ? { fix } : {}),
  };
}

const replaceLine = (line: number, text: string, length = 3): Fix => ({
  description: `line ${line}`,
  edits: [{ range: { line, column: 1, endLine: line, endColumn: length + 1 }, text }],
});

const TEXT = ['one', 'two', 'six', 'ten', 'end', ''].join('\n');

function plan(
  findings: Finding[],
  added: Record<number, string>,
  options: Partial<SuggestionInput> = {},
  text = TEXT,
) {
  return planSuggestions({
    findings,
    fixOf: (f) => f.fix,
    texts: new Map([[FILE, text]]),
    added: new Map([[FILE, new Map(Object.entries(added).map(([k, v]) => [Number(k), v]))]]),
    known: new Set(),
    ...options,
  });
}

describe('the lines a patch adds', () => {
  it('numbers the head side of each hunk and keeps only added lines', () => {
    const patch = [
      '@@ -1,3 +1,4 @@ # Title',
      ' one',
      '-two',
      '+TWO',
      '+three',
      ' six',
      '@@ -20,2 +21,2 @@',
      ' x',
      '-y',
      '+Y\r',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...addedLines(patch)]).toEqual([
      [2, 'TWO'],
      [3, 'three'],
      [22, 'Y'],
    ]);
    expect(addedLines(undefined).size).toBe(0);
  });
});

describe('which fixes become suggestions', () => {
  it('suggests a fix on a changed line, and leaves one on an unchanged line as text', () => {
    const result = plan([finding(2, replaceLine(2, 'TWO')), finding(3, replaceLine(3, 'SIX'))], {
      2: 'two',
    });
    expect(result.suggestions.map((s) => [s.startLine, s.line])).toEqual([[2, 2]]);
    expect(result.suggestions[0]?.body).toMatch(/```suggestion\nTWO\n```$/);
    expect(result.asText.map((t) => [t.finding.line, t.reason])).toEqual([[3, 'outside']]);
  });

  it('spans several lines with start_line, and inserts or deletes lines', () => {
    const across: Fix = {
      description: 'join',
      edits: [{ range: { line: 2, column: 2, endLine: 3, endColumn: 2 }, text: 'X' }],
    };
    const joined = plan([finding(2, across)], { 2: 'two', 3: 'six' });
    expect(joined.suggestions[0]).toMatchObject({ startLine: 2, line: 3 });
    expect(joined.suggestions[0]?.body).toMatch(/```suggestion\ntXix\n```$/);
    const insert: Fix = {
      description: 'insert',
      edits: [{ range: { line: 4, column: 1, endLine: 4, endColumn: 1 }, text: 'new\n' }],
    };
    expect(plan([finding(4, insert)], { 4: 'ten' }).suggestions[0]?.body).toMatch(
      /```suggestion\nnew\nten\n```$/,
    );
    const remove: Fix = {
      description: 'delete',
      edits: [{ range: { line: 3, column: 1, endLine: 4, endColumn: 1 }, text: '' }],
    };
    const removed = plan([finding(3, remove)], { 3: 'six' }).suggestions[0];
    expect(removed).toMatchObject({ startLine: 3, line: 3 });
    expect(removed?.body).toMatch(/```suggestion\n```$/);
  });

  it('needs every line of the fix changed, with the text the patch shows', () => {
    const across: Fix = {
      description: 'join',
      edits: [{ range: { line: 2, column: 2, endLine: 3, endColumn: 2 }, text: 'X' }],
    };
    expect(plan([finding(2, across)], { 2: 'two' }).suggestions).toEqual([]);
    // The run judged other text than the head shows (a base that changed the same lines).
    expect(plan([finding(2, replaceLine(2, 'TWO'))], { 2: 'deux' }).suggestions).toEqual([]);
  });

  it('leaves as text a fix whose suggestion GitHub would refuse as too long', () => {
    const long = 'x'.repeat(70_000);
    const result = plan([finding(2, replaceLine(2, long))], { 2: 'two' });
    expect(result.suggestions).toEqual([]);
    expect(result.asText.map((t) => t.reason)).toEqual(['outside']);
  });

  it('keeps CRLF files working and fences text holding backticks', () => {
    const crlf = plan(
      [finding(2, replaceLine(2, '```code``` ````'))],
      { 2: 'two' },
      {},
      'one\r\ntwo\r\nsix\r\n',
    );
    expect(crlf.suggestions[0]?.body).toMatch(/\n`````suggestion\n```code``` ````\n`````$/);
  });

  it('takes the most important first, at most 30, no overlap, nothing suggested before', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const text = `${lines.join('\n')}\n`;
    const added = Object.fromEntries(lines.map((line, i) => [i + 1, line]));
    const findings = lines.map((line, i) =>
      finding(i + 1, replaceLine(i + 1, 'fixed', line.length)),
    );
    const twice = finding(5, replaceLine(5, 'other', 6));
    const result = plan([...findings.slice(0, 5), twice, ...findings.slice(5)], added, {}, text);
    expect(result.suggestions).toHaveLength(30);
    expect(result.suggestions[0]?.line).toBe(1);
    expect(result.asText.find((t) => t.finding === twice)?.reason).toBe('overlap');
    expect(result.asText.filter((t) => t.reason === 'limit')).toHaveLength(10);
    const known = suggestionKeys(result.suggestions.map((s) => s.body));
    const rerun = plan(
      [...findings.slice(0, 5), twice, ...findings.slice(5)],
      added,
      { known },
      text,
    );
    expect(rerun.alreadySuggested).toBe(30);
    expect(rerun.suggestions.map((s) => s.line)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
  });
});

function report(findings: Finding[]): Report {
  return {
    tool: { name: 'klip-lint', version: '0' },
    reportVersion: 1,
    mode: 'change',
    folder: 'design-proposals',
    template: null,
    comparison: null,
    findings,
    preExisting: [],
    files: [],
    changes: [],
    counts: countFindings(findings),
  };
}

function input(findings: Finding[], extra: Partial<CommentInput> = {}): CommentInput {
  return {
    report: report(findings),
    failOn: 'error',
    findings,
    blobUrl: 'https://github.com/o/r/blob/abc',
    runUrl: 'https://github.com/o/r/actions/runs/1',
    docs: 'https://docs',
    statusChanges: [],
    approvals: [],
    textFixes: [],
    suggested: 0,
    requested: [],
    ...extra,
  };
}

describe('the comment', () => {
  it('stays under 65,536 characters with 20,000 long findings, and says how many it left out', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      ...finding(i + 1, undefined, 'error'),
      message: `${'<!-- klip-lint --> @all '.repeat(200)}${i}`,
    }));
    const body = renderComment(
      input(many, {
        textFixes: many.map((f) => ({
          finding: f,
          description: 'x'.repeat(5000),
          reason: 'outside',
        })),
        statusChanges: many.slice(0, 5000).map((f) => ({
          klip: f.line,
          file: FILE,
          from: 'In Discussion',
          to: 'Design Approved',
          next: ['Merged'],
        })),
      }),
    );
    expect(body.length).toBeLessThan(MAX_COMMENT_CHARS);
    expect(body.startsWith(`${COMMENT_MARKER}\n❌`)).toBe(true);
    expect(body.split(COMMENT_MARKER)).toHaveLength(2);
    expect(body).not.toContain('@all');
    expect(body).toMatch(/…and \d+ more/);
    expect(body.endsWith("[The run's full summary](https://github.com/o/r/actions/runs/1)")).toBe(
      true,
    );
  });

  it('links each finding to its line, and says all clear when nothing counts', () => {
    expect(renderComment(input([finding(7)]))).toContain(
      '[`design-proposals/klip-1-a.md:7`](https://github.com/o/r/blob/abc/design-proposals/klip-1-a.md#L7)',
    );
    expect(renderComment(input([]))).toContain('✅ **klip-lint: all clear.**');
    expect(renderComment(input([finding(7)]))).toContain(
      '⚠️ **klip-lint passes** with 0 errors, 1 warning',
    );
  });

  it('remembers whom klip-lint asked for a review', () => {
    const body = renderComment(input([], { requested: ['alice', 'bad name -->'] }));
    expect(requestedBefore(body)).toEqual(['alice']);
  });

  it('names the moves allowed after a status', () => {
    expect(nextStatuses('In Discussion', DEFAULT_VOCABULARY)).toEqual([
      'Design Approved',
      'Rejected',
      'Withdrawn',
      'Superseded',
    ]);
    expect(nextStatuses('Merged', DEFAULT_VOCABULARY)).toEqual([]);
  });
});

describe('whom to ask for a review', () => {
  const state = { author: 'author', pending: ['bob'], reviewed: ['carol'] };
  it('never the author, someone asked or someone who reviewed; only as many as still wanted', () => {
    const pool = ['author', 'Bob', 'carol', 'alice', 'dependabot[bot]', 'erin', 'frank'];
    expect(chooseReviewers(pool, state, 2, [])).toEqual(['alice', 'erin']);
    expect(chooseReviewers(pool, state, 2, ['bob'])).toEqual(['alice']);
    expect(chooseReviewers(['author', 'bob'], state, 2, [])).toEqual([]);
  });
});

describe('the inputs', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  it('defaults to auto, auto and 0, and refuses other values', () => {
    expect(takePartInputs(inputs({}))).toEqual({
      comment: true,
      suggestions: true,
      requestReviewers: 0,
    });
    expect(takePartInputs(inputs({ comment: 'off', 'request-reviewers': '2' }))).toMatchObject({
      comment: false,
      requestReviewers: 2,
    });
    expect(() => takePartInputs(inputs({ comment: 'yes' }))).toThrow(
      'Input "comment" must be one of auto, off; got "yes".',
    );
    expect(() => takePartInputs(inputs({ 'request-reviewers': '-1' }))).toThrow(
      'Input "request-reviewers" must be a whole number; got "-1".',
    );
  });
});
