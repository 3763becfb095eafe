import { posix } from 'node:path';

/** Where a repository keeps its proposals, template and index (repository-relative paths). */
export interface Layout {
  folder: string;
  template: string;
  index: string;
}

export function layoutOf(
  config: { path: string; template: string; index: string },
  folder = config.path,
): Layout {
  const inFolder = (name: string) => (folder ? posix.join(folder, name) : name);
  return { folder, template: inFolder(config.template), index: inFolder(config.index) };
}

/** Paths equal but for case, as on case-insensitive file systems. */
export function samePath(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** Whether a path is a proposal: a Markdown file directly in the folder, not the index or the template. */
export function isProposalPath(path: string, layout: Layout): boolean {
  return proposalMatcher(layout)(path);
}

/** The same test, made once for a layout: a folder of thousands is tested on every run. */
export function proposalMatcher(layout: Layout): (path: string) => boolean {
  const prefix = layout.folder ? `${layout.folder}/` : '';
  const template = layout.template.toLowerCase();
  const index = layout.index.toLowerCase();
  return (path) => {
    if (!path.startsWith(prefix) || path.includes('/', prefix.length) || !MARKDOWN.test(path)) {
      return false;
    }
    const lower = path.toLowerCase();
    return lower !== template && lower !== index;
  };
}

export const MARKDOWN = /\.md$/i;
