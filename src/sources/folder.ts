import { closeSync, lstatSync, openSync, renameSync, rmSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { emptyDocument, parseKlipHead } from '../parse/document.js';
import { BUILTIN_TEMPLATE, parseTemplate } from '../parse/template.js';
import type { Config } from '../config/config.js';
import type { KlipDocument, SourceFile, Template } from '../model/types.js';
import type { Vocabulary } from '../model/status.js';
import { layoutOf, readInput, WorkTreeSnapshot, type Layout } from './snapshot.js';

export interface Folder {
  layout: Layout;
  documents: KlipDocument[];
  index: SourceFile | null;
  template: Template;
  vocabulary: Vocabulary;
  exists(path: string): boolean;
}

/**
 * A proposals folder of the work tree, each proposal read as far as its metadata: what the
 * catalogue, the index writer and the stale list need.
 */
export async function readFolder(root: string, config: Config): Promise<Folder> {
  const layout = layoutOf(config);
  const { input } = await readInput(new WorkTreeSnapshot(root), layout);
  const template = input.template ? parseTemplate(input.template) : BUILTIN_TEMPLATE;
  const documents = input.proposals.map((source) => {
    try {
      return parseKlipHead(source, template);
    } catch {
      // The lint run reports a file the parser cannot take; here it is known by name.
      return emptyDocument(source.path);
    }
  });
  return {
    layout,
    documents,
    index: input.index,
    template,
    vocabulary: config.vocabulary,
    exists: input.exists,
  };
}

export class WriteError extends Error {}

/**
 * Replaces a file's content all at once: a temporary file beside it, then a rename, so a reader
 * never sees half a file. A symbolic link is refused rather than followed or replaced.
 */
export function writeAtomically(path: string, text: string): void {
  let mode: number | undefined;
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink())
      throw new WriteError(`${path} is a symbolic link; klip-lint does not write through links.`);
    if (!stat.isFile()) throw new WriteError(`${path} is not a regular file.`);
    mode = stat.mode & 0o777;
  } catch (error) {
    if (error instanceof WriteError) throw error;
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const folder = dirname(path);
  if (lstatSync(folder).isSymbolicLink())
    throw new WriteError(`${folder} is a symbolic link; klip-lint does not write through links.`);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': created here, never an existing file or a link planted in its place.
  const fd = openSync(temporary, 'wx', mode ?? 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
