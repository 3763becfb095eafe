import { existsSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { formatCatalogueMarkdown, formatCatalogueText } from '../catalogue/render.js';
import { unifiedDiff } from '../catalogue/diff.js';
import { loadConfig } from '../config/find.js';
import { UsageError } from '../model/usage-error.js';
import { checkFolder, locate } from '../sources/folder.js';
import { WorkTreeSnapshot } from '../sources/snapshot.js';
import { listProposals } from '../use-cases/list-proposals.js';
import { planIndexUpdate, writeIndex } from '../use-cases/write-index.js';
import type { CliContext } from './context.js';

export interface CatalogueOptions {
  format: string;
  status?: string;
  author?: string;
  check?: boolean;
  config?: string;
}

/** The folder's repository and the folder's path there (the configured one when none is given). */
async function open(cwd: string, args: string[], configPath: string | undefined, command: string) {
  if (args.length > 1) throw new UsageError(`${command} takes one proposals folder.`);
  const absolute = resolve(cwd, args[0] ?? '.');
  if (!existsSync(absolute) || !statSync(absolute).isDirectory())
    throw new UsageError(`No such folder: ${args[0]}`);
  const { root, toPath } = locate(cwd, absolute);
  const config = await loadConfig(new WorkTreeSnapshot(root), configPath);
  const folder = checkFolder(root, args[0] === undefined ? config.path : toPath(absolute) || '.');
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
  const catalogue = await listProposals(root, config, options);
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
  const plan = await planIndexUpdate(root, config);
  const { before, after, lowered } = plan;
  const absolute = join(root, plan.path);
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
  writeIndex(root, plan);
  io.stdout.write(`updated ${shown}
`);
  return 0;
}
