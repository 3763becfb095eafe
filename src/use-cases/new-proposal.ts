import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { newKlip, nextFreeNumber, titleProblem } from '../catalogue/new-klip.js';
import { ENGINE_IDS } from '../config/load.js';
import { UsageError } from '../model/usage-error.js';
import { RULES } from '../rules/index.js';
import { MAX_FILE_BYTES, tooLarge } from '../model/limits.js';
import { checkFolder, refuseLinkedFolder } from '../sources/folder.js';
import { writeFileSafely } from '../sources/safe-write.js';
import { WorkTreeSnapshot } from '../sources/snapshot.js';
import { layoutOf } from '../model/layout.js';
import { fixFolder } from './fix-folder.js';

export interface CreatedProposal {
  path: string;
  number: number;
  /** What changed in the index: its new row, its next number. */
  indexPath: string;
  indexUpdates: string[];
}

/** A new proposal from the template, with the next free number, and its index row. */
export async function createProposal(
  root: string,
  config: Config,
  title: string,
  folderPath: string,
): Promise<CreatedProposal> {
  const problem = titleProblem(title);
  if (problem) throw new UsageError(`new: ${problem}.`);
  const folder = checkFolder(root, folderPath);
  refuseLinkedFolder(root, folder, 'new');
  const snapshot = new WorkTreeSnapshot(root);
  const layout = layoutOf(config, folder);
  const names = (await snapshot.list(folder)).map((entry) =>
    entry.path.slice(entry.path.lastIndexOf('/') + 1),
  );
  const indexText = await snapshot.readText(layout.index);
  const templateText = await snapshot.readText(layout.template);
  if (indexText !== null && tooLarge(indexText)) {
    throw new UsageError(
      `${layout.index} is over the ${MAX_FILE_BYTES}-byte limit for a file klip-lint reads; new does not add a row to it.`,
    );
  }
  const number = nextFreeNumber(
    indexText === null ? null : { path: layout.index, text: indexText },
    names,
  );
  if (number === null) {
    throw new UsageError(
      `The next KLIP number in ${layout.index} is past ${Number.MAX_SAFE_INTEGER}; set "Next KLIP number" to a real one.`,
    );
  }
  const klip = newKlip(
    title,
    number,
    templateText === null ? null : { path: layout.template, text: templateText },
    config.vocabulary,
  );
  const path = folder ? `${folder}/${klip.name}` : klip.name;
  if (existsSync(join(root, path))) throw new UsageError(`${path} already exists.`);
  // Created fresh: never over a file or through a link that is already there.
  writeFileSafely([root], join(root, path), klip.text, {
    what: 'the new proposal',
    exclusive: true,
  });
  // Only the index rules' fixes: the row and the next number, nothing else in the folder.
  const only = ['index-missing', 'index-next-number'];
  const rules = Object.fromEntries(
    [...RULES.map((rule) => rule.meta.id), ...ENGINE_IDS].map((id) => [
      id,
      only.includes(id) ? {} : { severity: 'off' as const },
    ]),
  );
  // The whole index: the next number is no row's, and `new` raises it.
  const changes = await fixFolder(root, { ...config, path: folder, rules }, new Set([path]), false);
  return {
    path,
    number,
    indexPath: layout.index,
    indexUpdates: changes.map((change) => change.description),
  };
}
