import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import type { Nodes } from 'mdast';
import { walk } from './markdown.js';

const HTML_ANCHOR = /\b(?:name|id)\s*=\s*["']?([^"'\s>]+)/gi;

/**
 * The fragment ids GitHub gives a rendered Markdown file: one per heading, from its text by
 * GitHub's slugger (a repeated heading gets `-1`, `-2`), and the `id`/`name` of HTML anchors.
 */
export function anchorsOf(tree: Nodes): string[] {
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  walk(tree, (node) => {
    // GitHub drops HTML tags from the text it makes the id of.
    if (node.type === 'heading')
      anchors.push(slugger.slug(toString(node, { includeHtml: false }).trim()));
    else if (node.type === 'html') {
      for (const match of node.value.matchAll(HTML_ANCHOR)) anchors.push(match[1] as string);
    }
  });
  return anchors;
}

/** Whether a fragment (as written after `#`) names one of the anchors, as GitHub resolves it. */
export function hasAnchor(anchors: readonly string[], fragment: string): boolean {
  let id = fragment;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    // A malformed escape is compared as written.
  }
  id = id.replace(/^user-content-/i, '').toLowerCase();
  // The top of the page, and footnotes GitHub numbers itself.
  if (id === '' || id === 'top' || /^fn(ref)?-/.test(id)) return true;
  return anchors.some((anchor) => anchor.toLowerCase() === id);
}
