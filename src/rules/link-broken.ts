import { posix } from 'node:path';
import type { Rule } from './rule.js';

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

export const linkBroken: Rule = {
  meta: {
    id: 'link-broken',
    description: 'A relative link points to a file that does not exist',
    severity: 'warning',
    docs: `Relative links between proposals and to files in the repository (\`[KLIP 15](klip-15-new-api.md)\`)
break when a file is renamed or was never added. Fix the path, or link to the file's current name. Links
that climb out of the repository are reported and never followed.`,
    examples: {
      language: 'markdown',
      bad: `See [KLIP 15](klip-15-new-api.md) for the client.`,
      good: `See [KLIP 15](klip-15-new-api-and-client.md) for the client.`,
    },
    howToFix: `Point the link at the file's current name, or remove it.`,
  },
  document(document, { exists }) {
    return document.links.flatMap((link) => {
      const target = resolveLink(document.file, link.url);
      if (target === undefined) return [];
      if (target === null) {
        return [
          { range: link.range, message: `The link "${link.url}" points outside the repository.` },
        ];
      }
      if (target === '' || exists(target)) return [];
      return [
        {
          range: link.range,
          message: `The link "${link.url}" points to "${target}", which does not exist.`,
        },
      ];
    });
  },
};
