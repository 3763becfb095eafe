import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { lintFolder } from '../src/use-cases/lint-folder.js';
import { MAX_SARIF_RESULTS, toSarif } from '../src/report/sarif.js';
import { REPORTABLE, RULES } from '../src/rules/index.js';
import { ROOT, tempDir, writeFiles } from './helpers/run.js';

interface Descriptor {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  help?: { text?: string; markdown?: string };
  helpUri?: string;
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: Descriptor[] } };
    results: { ruleId: string; ruleIndex?: number }[];
  }[];
}

/** The examples plus files the engine itself reports on: invalid UTF-8, a link, a stale comment. */
async function reportOfAFolder() {
  const root = tempDir();
  cpSync(join(ROOT, 'examples/design-proposals'), join(root, 'design-proposals'), {
    recursive: true,
  });
  writeFiles(root, {
    'design-proposals/klip-8-unused.md':
      '# KLIP 8 - Unused\n\n<!-- klip-lint-disable-next-line title-format -->\n\nText.\n',
  });
  writeFileSync(
    join(root, 'design-proposals/klip-9-latin.md'),
    Buffer.from('# KLIP 9 - Pe\xf1a\n', 'latin1'),
  );
  symlinkSync('klip-1-windowed-deduplication.md', join(root, 'design-proposals/klip-10-link.md'));
  return lintFolder(root, DEFAULT_CONFIG);
}

describe('SARIF for code scanning', () => {
  let report: Awaited<ReturnType<typeof reportOfAFolder>>;
  let log: SarifLog;
  beforeAll(async () => {
    report = await reportOfAFolder();
    log = toSarif(report, RULES) as unknown as SarifLog;
  });

  it('has a descriptor with help text and Markdown for every id the product can report', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(REPORTABLE.map((entry) => entry.meta.id));
    for (const rule of rules) {
      expect(rule.help?.text?.length).toBeGreaterThan(40);
      expect(rule.help?.markdown).toContain('## Why');
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  it("points every result at its rule's descriptor, engine notes included", () => {
    const { rules } = log.runs[0]!.tool.driver;
    const { results } = log.runs[0]!;
    const ids = new Set(results.map((result) => result.ruleId));
    for (const id of ['file-encoding', 'file-unreadable', 'suppression-unused', 'title-format']) {
      expect(ids).toContain(id);
    }
    for (const result of results) {
      expect(result.ruleIndex).toBeDefined();
      expect(rules[result.ruleIndex as number]!.id).toBe(result.ruleId);
    }
  });

  it("passes @microsoft/sarif-multitool's validation with GitHub's rules", () => {
    const require = createRequire(import.meta.url);
    // The package resolves its platform's self-contained binary: no .NET install needed.
    const tool = require('@microsoft/sarif-multitool') as string;
    // Its postinstall makes it executable; an install that skips scripts leaves that to us.
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      chmodSync(tool, 0o755);
    }
    const folder = tempDir();
    const input = join(folder, 'klip-lint.sarif');
    const output = join(folder, 'validation.sarif');
    writeFileSync(input, JSON.stringify(log, null, 2));
    const run = spawnSync(tool, ['validate', '--rule-kind', 'Gh;Sarif', '-o', output, input], {
      encoding: 'utf8',
    });
    expect(run.error).toBeUndefined();
    const validation = JSON.parse(readFileSync(output, 'utf8')) as {
      runs: { results?: { ruleId: string; level?: string; message: { text?: string } }[] }[];
    };
    const problems = (validation.runs[0]!.results ?? []).map(
      (result) => `${result.level}: ${result.ruleId}: ${result.message.text ?? ''}`,
    );
    expect(run.stdout).toContain('Analysis completed successfully');
    expect(problems).toEqual([]);
  });

  it("keeps to GitHub's limit of results in a run, the most severe first, and says so", () => {
    const notice = {
      ...report.findings[0]!,
      severity: 'notice' as const,
      ruleId: 'release-target',
    };
    const error = { ...report.findings[0]!, severity: 'error' as const, ruleId: 'status-unknown' };
    const many = { ...report, findings: [...Array(MAX_SARIF_RESULTS).fill(notice), error] };
    const sarif = toSarif(many, RULES) as unknown as SarifLog & {
      runs: { invocations?: { toolExecutionNotifications: { message: { text: string } }[] }[] }[];
    };
    const { results, invocations } = sarif.runs[0]!;
    expect(results).toHaveLength(MAX_SARIF_RESULTS);
    expect(results[0]!.ruleId).toBe('status-unknown');
    expect(invocations?.[0]?.toolExecutionNotifications[0]?.message.text).toMatch(
      /^1 less severe finding was left out: code scanning accepts at most 25000 results/,
    );
    expect((toSarif(report, RULES) as { runs: object[] }).runs[0]).not.toHaveProperty(
      'invocations',
    );
  });
});
