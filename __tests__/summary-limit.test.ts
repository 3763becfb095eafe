import type { Report } from '../src/report/report.js';
import { renderSummary } from '../src/report/summary.js';

const MIB = 1024 * 1024;
const writers = Array.from({ length: 60 }, (_, i) => `maintainer-with-a-long-name-${i}`);

function bigChange(notes: string[]): Report {
  const changes = Array.from({ length: 1000 }, (_, i) => ({
    klip: i + 1,
    file: `design-proposals/klip-${i + 1}-a-rather-long-slug-for-the-proposal.md`,
    previousFile: null,
    change: 'modified' as const,
    title: `A proposal with a title long enough to matter, number ${i + 1}`,
    statusBefore: 'In Discussion',
    statusAfter: 'Design Approved',
  }));
  const findings = changes.flatMap((change) =>
    Array.from({ length: 3 }, (_, j) => ({
      ruleId: 'section-missing',
      severity: 'error' as const,
      file: change.file,
      line: j + 1,
      column: 1,
      endLine: j + 1,
      endColumn: 1,
      message: `The section "Section ${j}" of the template is missing; add it after the one before.`,
      messageId: 'missing',
      klip: change.klip,
    })),
  );
  return {
    tool: { name: 'klip-lint', version: '0' },
    reportVersion: 1,
    mode: 'change',
    folder: 'design-proposals',
    template: 'design-proposals/klip-template.md',
    comparison: { base: 'a'.repeat(40), head: 'b'.repeat(40), notes, preExisting: 'report' },
    findings,
    preExisting: [],
    files: changes.map((change) => ({
      file: change.file,
      kind: 'proposal' as const,
      klip: change.klip,
      title: change.title,
      status: change.statusAfter,
      counts: { error: 3, warning: 0, notice: 0 },
    })),
    changes,
    counts: { error: findings.length, warning: 0, notice: 0 },
  };
}

describe('the job summary stays under GitHub’s 1 MiB limit', () => {
  it('shortens 1,000 approval notes naming 60 writers each, and says what it left out', () => {
    const notes = Array.from(
      { length: 1000 },
      (_, i) =>
        `KLIP ${i + 1} at Design Approved: approved by ${writers.join(', ')} (60 of 2 needed from people with write access).`,
    );
    const summary = renderSummary(bigChange(notes), {
      failOn: 'error',
      blobUrl: 'https://github.com/o/r/blob/' + 'b'.repeat(40),
    });
    expect(Buffer.byteLength(summary)).toBeLessThan(MIB);
    expect(summary).toMatch(/more notes are not listed here; see the JSON report\./);
    expect(summary).toMatch(/KLIP 1 at Design Approved: approved by/);
  });

  it('cuts a single note too long to list, and says so', () => {
    const summary = renderSummary(bigChange(['x'.repeat(3 * MIB)]), { failOn: 'error' });
    expect(Buffer.byteLength(summary)).toBeLessThan(MIB);
    expect(summary).toContain('…');
  });

  it('cuts at a line as a last resort, for a single item too long to list', () => {
    const report = bigChange([]);
    report.folder = `design-proposals/${'é'.repeat(MIB)}`;
    const summary = renderSummary(report, { failOn: 'error' });
    expect(Buffer.byteLength(summary)).toBeLessThan(MIB);
    expect(summary).toMatch(/cut here to stay under GitHub's 1 MiB limit/);
    expect(summary).not.toContain('\uFFFD');
  });
});
