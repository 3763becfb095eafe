import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { compare, defers, fingerprint, type CompareInput } from '../src/core/compare.js';
import { lint, type LintInput } from '../src/core/engine.js';
import { messageOf, placeholdersOf, renderMessage } from '../src/core/messages.js';
import {
  couldRead,
  skippedWarning,
  type PullRequestFacts,
} from '../src/model/pull-request-facts.js';
import type { Finding } from '../src/model/types.js';
import { dataOf } from '../src/report/report.js';
import { toSarif } from '../src/report/sarif.js';
import { ENGINE_NOTES, REPORTABLE, RULES, type Rule } from '../src/rules/index.js';
import { newKlipStatus } from '../src/rules/change/new-klip-status.js';
import { lintFolder as lintFiles } from '../src/use-cases/lint-folder.js';
import { index, klip, lintFolder, row, TEMPLATE } from './helpers/fixtures.js';
import { ROOT, tempDir, writeFiles } from './helpers/run.js';

/*
 * One registry: every rule and engine note declares what it says (meta.messages), every finding
 * names one of those messages, and identity (pre-existing matching, skipped checks, deferral) is
 * read from ids, never from text.
 */

const D = 'design-proposals';
const LAYOUT = { folder: D, template: `${D}/klip-template.md`, index: `${D}/README.md` };

/** The folder as the engine takes it: file name -> text, README.md the index. */
function side(files: Record<string, string>): LintInput {
  const names = Object.keys(files);
  return {
    folder: D,
    proposals: names
      .filter((name) => name !== 'README.md')
      .map((name) => ({ path: `${D}/${name}`, text: files[name] as string })),
    index: files['README.md'] ? { path: `${D}/README.md`, text: files['README.md'] } : null,
    template: { path: `${D}/klip-template.md`, text: TEMPLATE },
    exists: (file) => names.some((name) => `${D}/${name}` === file),
  };
}

function change(
  base: Record<string, string>,
  head: Record<string, string>,
  options: Partial<CompareInput> = {},
) {
  const changes: CompareInput['changes'] = [
    ...new Set([...Object.keys(base), ...Object.keys(head)]),
  ]
    .filter((name) => base[name] !== head[name])
    .map((name) => ({
      status: !(name in base) ? 'added' : !(name in head) ? 'deleted' : 'modified',
      path: `${D}/${name}`,
    }));
  return compare({ base: side(base), head: side(head), changes, layout: LAYOUT, ...options });
}

function facts(overrides: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return {
    number: 7,
    title: 'docs: klip-2: B',
    author: 'ann',
    reviews: [],
    roles: {},
    writers: ['bo', 'cy'],
    commits: [],
    otherPulls: [],
    skipped: [],
    ...overrides,
  };
}

/** The message a finding says is the template of its id filled with its data, nothing left over. */
function expectRegistered(finding: Finding): void {
  const meta = REPORTABLE.find((entry) => entry.meta.id === finding.ruleId)?.meta;
  const where = `${finding.ruleId}/${finding.messageId} on ${finding.file}:${finding.line}`;
  expect({ where, known: meta !== undefined }).toEqual({ where, known: true });
  expect({ where, declared: Object.keys(meta?.messages ?? {}) }).toEqual({
    where,
    declared: expect.arrayContaining([finding.messageId]),
  });
  const template = meta?.messages[finding.messageId] ?? '';
  expect(finding.message).toBe(renderMessage(template, dataOf(finding)));
  expect(finding.message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
}

describe('every rule and engine note declares its messages', () => {
  it.each(REPORTABLE.map((entry) => [entry.meta.id, entry.meta]))('%s', (_, meta) => {
    const messages = Object.entries(meta.messages);
    expect(messages.length).toBeGreaterThan(0);
    for (const [id, template] of messages) {
      expect(id).toMatch(/^[a-z][A-Za-z]*$/);
      expect(template.trim()).toBe(template);
      expect(template.length).toBeGreaterThan(10);
    }
  });
});

describe('every finding names a message of its rule', () => {
  it('on the examples folder, engine notes included', async () => {
    const root = tempDir();
    cpSync(join(ROOT, 'examples/design-proposals'), join(root, D), { recursive: true });
    writeFiles(root, {
      [`${D}/klip-8-unused.md`]:
        '# KLIP 8 - Unused\n\n<!-- klip-lint-disable-next-line title-format -->\n\nText.\n',
      [`${D}/klip-11-typo.md`]: '# KLIP 11 - Typo\n\n<!-- klip-lint-disable section-mising -->\n',
    });
    writeFileSync(
      join(root, `${D}/klip-9-latin.md`),
      Buffer.from('# KLIP 9 - Pe\xf1a\n', 'latin1'),
    );
    writeFileSync(join(root, `${D}/klip-12-image.md`), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    symlinkSync('klip-1-windowed-deduplication.md', join(root, `${D}/klip-10-link.md`));
    const report = await lintFiles(root, DEFAULT_CONFIG);
    const ids = new Set(report.findings.map((finding) => finding.ruleId));
    for (const id of ['file-encoding', 'file-unreadable', 'suppression-unused', 'title-format'])
      expect(ids).toContain(id);
    report.findings.forEach(expectRegistered);
    // The JSON report names the message, and keeps its data inside klip-lint.
    const published = JSON.parse(JSON.stringify(report)) as { findings: Finding[] };
    for (const finding of published.findings) {
      expect(typeof finding.messageId).toBe('string');
      expect(finding).not.toHaveProperty('data');
    }
  });

  it('on crafted folders that break most rules', () => {
    const findings = lintFolder({
      'README.md': index(
        [
          row(1, 'klip-1-a.md', 'Proposal'),
          row(2, 'klip-2-missing.md', 'In Discussion'),
          row(2, null, 'Merged'),
          row(3, 'klip-3-c.md', 'Bogus'),
          '| [KLIP-4: D](klip 4 d.md) | In Discussion | | | |',
        ],
        2,
      ),
      'klip-1-a.md': klip({ status: 'Merged', releaseTarget: 'TBD', discussion: 'TBD' }),
      'klip-3-c.md': klip({
        number: 3,
        heading: '# KLIP-3: C',
        status: 'Approved',
        tldr: '**tl;dr:**',
        sections: ['Design', 'Motivation and background', 'Public APIS'],
        body: (name) => (name === 'Design' ? '' : 'TBD'),
      }),
      'klip-4 d.md': klip({ number: 5, status: 'Done', metadata: ['Author: Ann'] }),
      'klip-6-stub.md': '# KLIP 6 - Stub\n',
      'notes.md': '# Notes\n\nNo number [here](#nowhere) or [there](../../x.md).\n',
    });
    expect(new Set(findings.map((finding) => finding.ruleId)).size).toBeGreaterThan(12);
    findings.forEach(expectRegistered);
  });

  it('on changes, the change and GitHub rules included', () => {
    const base = {
      'README.md': index([row(1, 'klip-1-a.md', 'Merged'), row(3, 'klip-3-c.md', 'Merged')], 4),
      'klip-1-a.md': klip({ status: 'Merged' }),
      'klip-3-c.md': klip({ number: 3, status: 'Merged' }),
      'klip-5-e.md': klip({ number: 5, status: 'In Discussion' }),
    };
    const head = {
      'README.md': base['README.md'],
      'klip-1-a.md': klip({ status: 'In Discussion' }),
      'klip-5-e.md': klip({ number: 5, status: 'Merged' }),
      'klip-9-new.md': klip({ number: 9, status: 'Design Approved' }),
    };
    const result = change(base, head, {
      pullRequest: facts({
        title: 'A title',
        otherPulls: [{ number: 8, title: 'docs: klip-9: X', numbers: [9] }],
      }),
      approvals: DEFAULT_CONFIG.approvals,
    });
    const ids = new Set(result.findings.map((finding) => finding.ruleId));
    for (const id of ['klip-deleted', 'status-transition', 'status-skip', 'approvals-required'])
      expect(ids).toContain(id);
    for (const id of ['number-unreserved', 'number-collision', 'pr-title'])
      expect(ids).toContain(id);
    [...result.findings, ...result.preExisting].forEach(expectRegistered);
  });

  it('SARIF carries the templates, and each result the id and the values that fill it', async () => {
    const report = await lintFiles(join(ROOT, 'examples'), DEFAULT_CONFIG);
    const log = toSarif(report, RULES) as {
      runs: {
        tool: {
          driver: { rules: { id: string; messageStrings: Record<string, { text: string }> }[] };
        };
        results: { ruleId: string; message: { text: string; id?: string; arguments?: string[] } }[];
      }[];
    };
    const run = log.runs[0]!;
    const withId = run.results.filter((result) => result.message.id);
    expect(withId.length).toBeGreaterThan(report.findings.length / 2);
    for (const { ruleId, message } of withId) {
      const format = run.tool.driver.rules.find((rule) => rule.id === ruleId)?.messageStrings[
        message.id as string
      ]?.text;
      const filled = (format ?? '')
        .replace(/\{(\d+)\}/g, (_, i: string) => message.arguments?.[Number(i)] ?? '')
        .replace(/\{\{|\}\}/g, (brace) => brace[0] as string);
      expect(filled).toBe(message.text);
    }
  });

  it('a message id the rule does not declare is its bug: an internal error naming the rule', () => {
    const careless: Rule = {
      meta: { id: 'careless', description: 'x', severity: 'warning', docs: 'x', messages: {} },
      document: () => [
        { range: { line: 1, column: 1, endLine: 1, endColumn: 1 }, messageId: 'nope' },
      ],
    };
    const input = side({ 'klip-1-a.md': klip() });
    const { findings } = lint({ ...input, rules: [careless] });
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'internal-error', messageId: 'ruleFailed' }),
    ]);
    expect(findings[0]?.message).toMatch(/^Rule careless failed on this file \(no message "nope"/);
  });
});

describe('messages render their data verbatim', () => {
  it('fills every placeholder, and reads no value as a template or a replacement pattern', () => {
    expect(renderMessage('A {{x}} and {{ y }}, {{x}} again.', { x: '{{y}}', y: "$& $1 $'" })).toBe(
      "A {{y}} and $& $1 $', {{y}} again.",
    );
    expect(renderMessage('Line {{line}}; {{missing}}.', { line: 12 })).toBe(
      'Line 12; {{missing}}.',
    );
    expect(placeholdersOf('{{b}} {{a}} {{b}}')).toEqual(['b', 'a']);
    expect(() => messageOf({ id: 'r', messages: {} }, 'x')).toThrow(/no message "x"/);
  });
});

describe('pre-existing findings are matched by rule, subject, message id and data', () => {
  const finding = (messageId: string, data: Record<string, string | number>) => ({
    ruleId: 'metadata-duplicate',
    klip: 1,
    messageId,
    data,
  });

  it('numbers in the data (lines, counts) are not part of the identity; the message id is', () => {
    const file = `${D}/klip-1-a.md`;
    const id = (f: ReturnType<typeof finding>) => fingerprint(f, file, undefined);
    expect(id(finding('again', { field: 'Status', first: 3 }))).toBe(
      id(finding('again', { first: 14, field: 'Status' })),
    );
    expect(id(finding('again', { field: 'Status', first: 3 }))).not.toBe(
      id(finding('again', { field: 'Author', first: 3 })),
    );
    expect(id(finding('again', { field: 'Status' }))).not.toBe(
      id(finding('other', { field: 'Status' })),
    );
  });

  it('a count that changes between base and head is still the same, pre-existing problem', () => {
    const files = (rows: number[]) => ({
      'README.md': index(
        rows.map((n) => row(n, n === 1 ? 'klip-1-a.md' : null, 'Proposal')),
        2,
      ),
      'klip-1-a.md': klip(),
    });
    // "Next KLIP number" is 2 at both ends; the highest number reserved goes from 5 to 6.
    const result = change(files([1, 5]), files([1, 5, 6]));
    const next = (list: Finding[]) => list.filter((f) => f.ruleId === 'index-next-number');
    expect(next(result.findings)).toEqual([]);
    expect(next(result.preExisting)).toEqual([
      expect.objectContaining({
        messageId: 'taken',
        message: '"Next KLIP number" is 2, but 6 is already reserved; it should be 7.',
      }),
    ]);
    expect(next(result.base.findings)[0]?.message).toBe(
      '"Next KLIP number" is 2, but 5 is already reserved; it should be 6.',
    );
  });

  it('another kind of problem with the same rule and subject is new', () => {
    const readme = index([row(1, 'klip-1-a.md', 'In Discussion')], 2);
    const result = change(
      { 'README.md': readme, 'klip-1-a.md': klip({ author: 'TBD' }) },
      { 'README.md': readme, 'klip-1-a.md': klip({ author: '' }) },
    );
    const placeholders = (list: Finding[]) =>
      list.filter((f) => f.ruleId === 'metadata-placeholder').map((f) => f.messageId);
    expect(placeholders(result.base.findings)).toEqual(['filler']);
    expect(placeholders(result.findings)).toEqual(['empty']);
    expect(placeholders(result.preExisting)).toEqual([]);
  });
});

describe('skipped GitHub checks are matched by rule id', () => {
  it('couldRead reads the skipped rule ids, not the text', () => {
    const skipped = facts({
      skipped: [{ rules: ['approvals-required'], why: 'number-collision: looks like an id' }],
    });
    expect(couldRead(skipped, 'approvals-required')).toBe(false);
    expect(couldRead(skipped, 'number-collision')).toBe(true);
    expect(couldRead(skipped, 'approvals')).toBe(true);
    expect(couldRead(null, 'number-collision')).toBe(false);
    expect(skippedWarning(skipped.skipped[0]!)).toBe(
      'Skipped approvals-required: number-collision: looks like an id',
    );
  });

  it('the rules that need the GitHub API are those whose meta says so', () => {
    expect(
      RULES.filter((rule) => rule.meta.needs?.includes('github')).map((r) => r.meta.id),
    ).toEqual(['approvals-required', 'number-collision', 'pr-title']);
  });
});

describe('new-klip-status defers to approvals-required through the registry', () => {
  const base = { 'README.md': index([row(2, null, 'Proposal')], 3) };
  const head = {
    ...base,
    'klip-2-b.md': klip({ number: 2, title: 'B', status: 'Design Approved' }),
  };
  const run = (options: Partial<CompareInput>) =>
    change(base, head, { approvals: DEFAULT_CONFIG.approvals, ...options })
      .findings.filter((f) => ['new-klip-status', 'approvals-required'].includes(f.ruleId))
      .map((f) => `${f.ruleId}/${f.messageId}`);

  it('says so in its meta, and every rule defers only to rules there are', () => {
    expect(newKlipStatus.meta.deferTo).toEqual(['approvals-required']);
    const ids = RULES.map((rule) => rule.meta.id);
    for (const rule of RULES)
      for (const id of rule.meta.deferTo ?? [])
        expect([rule.meta.id, ids]).toEqual([rule.meta.id, expect.arrayContaining([id])]);
  });

  it('steps aside while approvals-required runs with the reviews at hand', () => {
    expect(run({ pullRequest: facts() })).toEqual(['approvals-required/tooFew']);
  });

  it('speaks when approvals-required cannot: no facts, its facts skipped, or the rule off', () => {
    expect(run({ pullRequest: null })).toEqual(['new-klip-status/beyondFirst']);
    expect(
      run({
        pullRequest: facts({ skipped: [{ rules: ['approvals-required'], why: 'HTTP 403' }] }),
      }),
    ).toEqual(['new-klip-status/beyondFirst']);
    expect(
      run({
        pullRequest: facts(),
        rules: RULES.filter((rule) => rule.meta.id !== 'approvals-required'),
      }),
    ).toEqual(['new-klip-status/beyondFirst']);
  });

  it('is generic: any rule may defer to any other, by id', () => {
    const rule = (id: string, meta: Partial<Rule['meta']> = {}): Rule => ({
      meta: { id, description: id, severity: 'warning', docs: id, messages: {}, ...meta },
    });
    const quiet = rule('quiet', { deferTo: ['loud'] });
    expect(defers(quiet, [quiet, rule('loud')], null)).toBe(true);
    expect(defers(quiet, [quiet], null)).toBe(false);
    const remote = rule('loud', { needs: ['base', 'github'] });
    expect(defers(quiet, [quiet, remote], null)).toBe(false);
    expect(defers(quiet, [quiet, remote], facts())).toBe(true);
    expect(
      defers(quiet, [quiet, remote], facts({ skipped: [{ rules: ['loud'], why: 'no' }] })),
    ).toBe(false);
    expect(ENGINE_NOTES.some((note) => note.deferTo)).toBe(false);
  });
});
