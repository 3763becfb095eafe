import type { Config } from '../config/config.js';
import { buildCatalogue, filterCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { emptyDocument, parseKlipHead } from '../parse/document.js';
import { BUILTIN_TEMPLATE, parseTemplate } from '../parse/template.js';
import { matchStatus, type Vocabulary } from '../model/status.js';
import type { KlipDocument, SourceFile, Template } from '../model/types.js';
import { UsageError } from '../model/usage-error.js';
import { readInput, WorkTreeSnapshot } from '../sources/snapshot.js';
import { layoutOf, type Layout } from '../model/layout.js';

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

export interface ListFilters {
  /** A status in any spelling the vocabulary knows. */
  status?: string;
  author?: string;
}

/** The proposals of a folder, as the catalogue lists them. */
export async function listProposals(
  root: string,
  config: Config,
  filters: ListFilters,
): Promise<Catalogue> {
  let status: string | undefined;
  if (filters.status !== undefined) {
    const match = matchStatus(filters.status, config.vocabulary);
    if (match.kind === 'unknown') {
      throw new UsageError(
        `--status "${filters.status}" is not a status; use one of ${config.vocabulary.statuses.map((entry) => entry.name).join(', ')}.`,
      );
    }
    status = match.status.name;
  }
  const folder = await readFolder(root, config);
  return filterCatalogue(
    buildCatalogue({
      folder: folder.layout.folder,
      documents: folder.documents,
      index: folder.index,
      template: folder.template,
      vocabulary: folder.vocabulary,
    }),
    { status, author: filters.author },
  );
}
