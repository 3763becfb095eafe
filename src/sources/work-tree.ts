import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { globby } from 'globby';
import { comparePaths, type LintInput } from '../engine.js';
import type { SourceFile } from '../types.js';

export const INDEX_NAME = 'README.md';
export const TEMPLATE_NAME = 'klip-template.md';

export interface Skipped {
  file: string;
  reason: string;
}

/** Whether a Markdown file in the proposals folder is a proposal (not the index or the template). */
export function isProposalName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.md') && lower !== INDEX_NAME.toLowerCase() && lower !== TEMPLATE_NAME;
}

/**
 * Reads a proposals folder from the work tree. `root` is the repository root and `folder` is
 * relative to it; every path in the result is repository-relative with forward slashes.
 */
export async function readFolder(
  root: string,
  folder: string,
  targets?: ReadonlySet<string>,
): Promise<{ input: LintInput; skipped: Skipped[] }> {
  const names = await globby('*.md', {
    cwd: join(root, folder),
    caseSensitiveMatch: false,
    dot: false,
    onlyFiles: false,
  });
  names.sort(comparePaths);
  const skipped: Skipped[] = [];
  const read = (name: string): SourceFile | null => {
    const path = folder ? posix.join(folder, name) : name;
    const absolute = join(root, path);
    try {
      const stat = lstatSync(absolute);
      if (!stat.isFile()) {
        skipped.push({
          file: path,
          reason: stat.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a regular file',
        });
        return null;
      }
      return { path, text: readFileSync(absolute, 'utf8') };
    } catch (error) {
      skipped.push({ file: path, reason: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  const find = (wanted: string) =>
    names.find((name) => name.toLowerCase() === wanted.toLowerCase());
  const indexName = find(INDEX_NAME);
  const templateName = find(TEMPLATE_NAME);
  const proposals = names
    .filter(isProposalName)
    .map(read)
    .filter((source): source is SourceFile => source !== null);
  return {
    input: {
      folder,
      proposals,
      targets,
      index: indexName ? read(indexName) : null,
      template: templateName ? read(templateName) : null,
      exists: (path) => existsSync(join(root, path)),
    },
    skipped,
  };
}
