import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { buildCatalogue, filterCatalogue } from '../catalogue/catalogue.js';
import { formatCatalogueMarkdown, formatCatalogueText } from '../catalogue/render.js';
import { planIndex } from '../catalogue/index-writer.js';
import { unifiedDiff } from '../catalogue/diff.js';
import { loadConfig } from '../config/find.js';
import { checkFolder, UsageError } from '../use-cases/lint.js';
import { matchStatus } from '../model/status.js';
import { readFolder, writeAtomically, WriteError } from '../sources/folder.js';
import { WorkTreeSnapshot } from '../sources/snapshot.js';
import type { CliContext } from './context.js';

export interface CatalogueOptions {
  format: string;
  status?: string;
  author?: string;
  check?: boolean;
  config?: string;
}

/** The folder's repository root (the working directory when the folder is inside it) and its path there. */
async function open(cwd: string, args: string[], configPath: string | undefined, command: string) {
  if (args.length > 1) throw new UsageError(`${command} takes one proposals folder.`);
  let root = cwd;
  let folderArg = args[0];
  if (folderArg !== undefined) {
    const absolute = resolve(cwd, folderArg);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory())
      throw new UsageError(`No such folder: ${folderArg}`);
    if (relative(cwd, absolute).startsWith('..')) root = dirname(absolute);
    folderArg = relative(root, absolute).split(sep).join('/') || '.';
  }
  const config = await loadConfig(new WorkTreeSnapshot(root), configPath);
  const folder = checkFolder(root, folderArg ?? config.path);
  return { root, config: { ...config, path: folder } };
}

/** `klip-lint list [folder]`: the catalogue as a table, JSON or Markdown. */
export async function listCommand(
  io: CliContext,
  args: string[],
  options: CatalogueOptions,
): Promise<number> {
  const { cwd } = io;
  const { format } = options;
  if (format !== 'text' && format !== 'json' && format !== 'markdown')
    throw new UsageError(`list --format must be text, json or markdown; got "${format}".`);
  const { root, config } = await open(cwd, args, options.config, 'list');
  let status: string | undefined;
  if (options.status !== undefined) {
    const match = matchStatus(options.status, config.vocabulary);
    if (match.kind === 'unknown') {
      throw new UsageError(
        `--status "${options.status}" is not a status; use one of ${config.vocabulary.statuses.map((entry) => entry.name).join(', ')}.`,
      );
    }
    status = match.status.name;
  }
  const folder = await readFolder(root, config);
  const catalogue = filterCatalogue(
    buildCatalogue({
      folder: folder.layout.folder,
      documents: folder.documents,
      index: folder.index,
      template: folder.template,
      vocabulary: folder.vocabulary,
    }),
    { status, author: options.author },
  );
  io.stdout.write(
    format === 'json'
      ? `${JSON.stringify(catalogue, null, 2)}\n`
      : format === 'markdown'
        ? formatCatalogueMarkdown(catalogue)
        : formatCatalogueText(catalogue),
  );
  return 0;
}

/** `klip-lint index [folder]`: rewrites the index from the proposals; with --check, only compares. */
export async function indexCommand(
  io: CliContext,
  args: string[],
  options: CatalogueOptions,
): Promise<number> {
  const { cwd } = io;
  const { root, config } = await open(cwd, args, options.config, 'index');
  const folder = await readFolder(root, config);
  const path = folder.layout.index;
  const absolute = join(root, path);
  let before: string | null = null;
  if (existsSync(absolute)) {
    const bytes = readFileSync(absolute);
    before = bytes.toString('utf8');
    // Not valid UTF-8: writing it back would change bytes nobody meant to touch.
    if (!Buffer.from(before, 'utf8').equals(bytes))
      throw new UsageError(`${path} is not valid UTF-8; klip-lint leaves it alone.`);
  }
  const { text: after, lowered } = planIndex({
    path,
    text: before,
    documents: folder.documents,
    template: folder.template,
    vocabulary: folder.vocabulary,
    exists: folder.exists,
  });
  const shown = relative(cwd, absolute).split(sep).join('/');
  // The index follows the files; where that moves a row back, the file may be the stale side.
  for (const row of lowered)
    io.stderr.write(
      `${shown}:${row.line}: KLIP ${row.number}'s row ${options.check ? 'would move' : 'moved'} back from "${row.row}" to "${row.fileStatus}", as ${posix.basename(row.file)} says; if KLIP ${row.number} is "${row.row}", set the Status in ${posix.basename(row.file)} to "${row.row}" and run "klip-lint index" again.\n`,
    );
  if (options.check) {
    if (before === after) {
      io.stdout.write(`${shown} is up to date.\n`);
      return 0;
    }
    io.stdout.write(unifiedDiff(shown, before ?? '', after));
    io.stderr.write(`${shown} is not what "klip-lint index" would write; run it.\n`);
    return 1;
  }
  if (before === after) {
    io.stdout.write(`${shown} is up to date.\n`);
    return 0;
  }
  try {
    writeAtomically(absolute, after);
  } catch (error) {
    if (error instanceof WriteError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout.write(`updated ${shown}\n`);
  return 0;
}
