import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load.js';
import { lintFolder } from '../src/use-cases/lint-folder.js';
import { ENGINE_NOTES } from '../src/rules/engine-notes.js';
import { ROOT, tempDir, writeFiles } from './helpers/run.js';

/** A folder with a Latin-1 proposal (file-encoding) and a binary one (file-unreadable). */
function folder(): string {
  const root = tempDir();
  writeFiles(root, { 'design-proposals/README.md': '# KLIPs\n' });
  writeFileSync(
    join(root, 'design-proposals/klip-9-latin.md'),
    Buffer.from('# KLIP 9 - Pe\xf1a\n', 'latin1'),
  );
  writeFileSync(join(root, 'design-proposals/klip-12-binary.md'), Buffer.from([0x23, 0, 0x41]));
  return root;
}

async function ids(yaml: string): Promise<string[]> {
  const report = await lintFolder(folder(), parseConfig(yaml, '.klip-lint.yml'));
  return report.findings
    .filter((finding) => ENGINE_NOTES.some((note) => note.id === finding.ruleId))
    .map((finding) => `${finding.ruleId} ${finding.severity} ${finding.file}`)
    .sort();
}

describe("the engine's own ids", () => {
  it('are reported with their default severity', async () => {
    expect(await ids('path: design-proposals\n')).toEqual([
      'file-encoding warning design-proposals/klip-9-latin.md',
      'file-unreadable warning design-proposals/klip-12-binary.md',
    ]);
  });

  it('take a severity, or off, from the configuration', async () => {
    expect(
      await ids(
        'path: design-proposals\nrules:\n  file-encoding: off\n  file-unreadable: error\n  suppression-unused: warning\n',
      ),
    ).toEqual(['file-unreadable error design-proposals/klip-12-binary.md']);
  });

  it('are silenced by ignore, by file or by number', async () => {
    expect(
      await ids('path: design-proposals\nignore:\n  files: [klip-9-*.md]\n  numbers: [12]\n'),
    ).toEqual([]);
  });

  it('reject a severity for internal-error, which always fails the run', () => {
    expect(() => parseConfig('rules:\n  internal-error: off\n', '.klip-lint.yml')).toThrow(
      /"internal-error" is not a rule id/,
    );
  });
});

describe('the registry of reportable ids', () => {
  it('holds every id the sources name, and each once', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { REPORTABLE } = await import('../src/rules/index.js');
    const ids = REPORTABLE.map(({ meta }) => meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const src = join(ROOT, 'src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((file) =>
      file.endsWith('.ts'),
    );
    const named = new Set(
      files.flatMap((file) =>
        [
          ...readFileSync(join(src, file), 'utf8').matchAll(
            /ruleId(?:: |\s*===?\s*)'([a-z][a-z-]*)'/g,
          ),
        ].map((match) => match[1]!),
      ),
    );
    expect(named.size).toBeGreaterThanOrEqual(3);
    expect([...named].filter((id) => !ids.includes(id))).toEqual([]);
  });
});
