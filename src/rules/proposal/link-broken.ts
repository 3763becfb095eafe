import { posix } from 'node:path';
import { hasAnchor } from '../../parse/anchors.js';
import { closest } from '../../core/strings.js';
import type { KlipDocument, Link, Problem } from '../../model/types.js';
import type { FileProblem, Rule } from '../rule.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A file name beside the linking file: nothing to decode or normalize. */
const SIBLING = /^[\w-][\w.-]*$/;

/** The repository path a relative link points at, or null for links that leave the repository. */
export function resolveLink(from: string, url: string): string | null | undefined {
  if (SIBLING.test(url)) {
    const folder = from.slice(0, from.lastIndexOf('/'));
    return folder ? `${folder}/${url}` : url;
  }
  if (!url || url.startsWith('#') || url.startsWith('//') || SCHEME.test(url)) return undefined;
  let target = url.replace(/[?#].*$/, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    // A malformed escape is checked as written.
  }
  if (!target) return undefined;
  const joined = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(from), target);
  const resolved = posix.normalize(joined).replace(/\/$/, '');
  return resolved === '..' || resolved.startsWith('../') ? null : resolved;
}

/** The `#fragment` of a link, without the `#`; null when it has none. */
function fragmentOf(url: string): string | null {
  const at = url.indexOf('#');
  return at < 0 ? null : url.slice(at + 1);
}

/** A broken anchor's problem, with the nearest id when one is close. */
function anchorProblem(link: Link, fragment: string, target: KlipDocument, own: boolean): Problem {
  const anchors = target.anchors ?? [];
  const near = closest(fragment, anchors);
  const where = own ? 'this file' : target.name;
  const fix = near
    ? `link "${own ? '' : posix.basename(link.url.slice(0, link.url.indexOf('#')))}#${near}"`
    : `use the id GitHub gives a heading of ${where}: its text in lower case, spaces as "-", most punctuation dropped`;
  return {
    range: link.range,
    messageId: 'noAnchor',
    data: { url: link.url, fragment, where, fix },
  };
}

export const linkBroken: Rule = {
  meta: {
    id: 'link-broken',
    description: 'A relative link points to a file or heading that does not exist',
    severity: 'warning',
    docs: `Relative links between proposals and to files in the repository (\`[KLIP 15](klip-15-new-api.md)\`)
break when a file is renamed or was never added. Fix the path, or link to the file's current name. Links
that climb out of the repository are reported and never followed.

Links to a heading (\`#design\`, \`klip-15-new-api.md#public-apis\`) are checked against the ids GitHub
gives the headings of the file (computed with \`github-slugger\`, as GitHub does: lower case, spaces as
\`-\`, punctuation dropped, \`-1\` for a repeated heading) and its HTML anchors. In a pull request, links
into proposals the change does not touch are not checked for their heading.`,
    examples: {
      language: 'markdown',
      bad: `See [KLIP 15](klip-15-new-api.md) for the client.`,
      good: `See [KLIP 15](klip-15-new-api-and-client.md) for the client.`,
    },
    howToFix: `Point the link at the file's current name, or remove it.`,
    messages: {
      noFile: 'The link "{{url}}" points to "{{target}}", which does not exist.',
      noAnchor:
        'The link "{{url}}" points to "#{{fragment}}", which is no heading or anchor of {{where}}; {{fix}}.',
      outside: 'The link "{{url}}" points outside the repository.',
    },
  },
  document(document, { exists }) {
    return document.links.flatMap((link) => {
      const target = resolveLink(document.file, link.url);
      const fragment = fragmentOf(link.url);
      // A link into this same file: its own headings decide.
      const self = target === undefined ? link.url.startsWith('#') : target === document.file;
      if (self && fragment !== null && document.anchors && !hasAnchor(document.anchors, fragment))
        return [anchorProblem(link, fragment, document, true)];
      if (target === undefined) return [];
      if (target === null) {
        return [{ range: link.range, messageId: 'outside', data: { url: link.url } }];
      }
      if (target === '' || exists(target)) return [];
      return [{ range: link.range, messageId: 'noFile', data: { url: link.url, target } }];
    });
  },
  project({ documents }) {
    // Links into another proposal: its headings, when the whole file was read.
    let byFile: Map<string, KlipDocument> | null = null;
    const problems: FileProblem[] = [];
    for (const document of documents) {
      if (!document.anchors) continue;
      for (const link of document.links) {
        const fragment = fragmentOf(link.url);
        if (fragment === null) continue;
        const target = resolveLink(document.file, link.url);
        if (!target || target === document.file) continue;
        byFile ??= new Map(documents.map((entry) => [entry.file, entry]));
        const other = byFile.get(target);
        if (!other?.anchors || hasAnchor(other.anchors, fragment)) continue;
        problems.push({ file: document.file, ...anchorProblem(link, fragment, other, false) });
      }
    }
    return problems;
  },
};
