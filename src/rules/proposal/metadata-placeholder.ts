import { normalize } from '../../core/strings.js';
import type { Rule } from '../rule.js';
import { isStub } from './sections.js';
import { firstFileStatus } from '../../model/status.js';
import type { Problem } from '../../model/types.js';
import { documentStatus, placeholderKind, templateField } from '../helpers.js';

/** A proposal still at its first status is discussed on the PR that adds it. */
const NEW_DISCUSSION =
  'link the design discussion PR: for a new proposal, the PR that adds this file (link it once it is open)';

/** What to write instead, in the words of the process. */
const WHAT: Record<string, string> = {
  discussion: 'link the design discussion PR, where the proposal was discussed and approved',
  author: "write the authors' names and GitHub users",
  'release target': 'write the release it targets (a version) once it is known',
  status: 'write where the proposal stands in the process, e.g. "In Discussion"',
};

export const metadataPlaceholder: Rule = {
  meta: {
    id: 'metadata-placeholder',
    description: 'A field is empty or still holds a placeholder value',
    severity: 'warning',
    docs: `The template's values (\`_your name and github user name here_\`, \`_link to the design discussion PR_\`)
are instructions, not values, and so are stand-ins such as \`TBD\`, \`?\`, \`???\` or \`link\` in any field
(the configuration's \`placeholders\` list; a value with no letter or digit always counts). Replace them with
the real author, release, status and link. An empty value is reported too.`,
    examples: {
      language: 'markdown',
      bad: `**Author**: _your name and github user name here_ |
**Discussion**:`,
      good: `**Author**: Ann (@ann) |
**Discussion**: https://github.com/org/repo/pull/123`,
    },
    howToFix: `Replace the template's text with the real value. Configure more placeholder values (such as \`TBD\`) with the \`placeholders\` option.`,
    options: {
      placeholders: {
        type: 'array',
        items: { type: 'string' },
        description: 'More values that count as not filled in, added to the `placeholders` list.',
      },
    },
    messages: {
      empty: 'Field "{{field}}" has no value; {{what}}.',
      template: 'Field "{{field}}" still holds the template\'s placeholder "{{value}}"; {{what}}.',
      filler: 'Field "{{field}}" holds "{{value}}", a placeholder rather than a value; {{what}}.',
    },
  },
  document(document, { template, vocabulary, options, placeholders }) {
    // A stub gets one finding (section-missing) saying what to write, the metadata included.
    if (isStub(document)) return [];
    const extra = new Set(((options.placeholders as string[] | undefined) ?? []).map(normalize));
    const status = documentStatus(document, template, vocabulary);
    const known = status && status.match.kind !== 'unknown' ? status.match.status : null;
    const merged = known?.end === true;
    const first = firstFileStatus(vocabulary);
    const fresh = !known || known === first;
    return document.fields.flatMap((field): Problem[] => {
      if (field.key === null) return [];
      const kind =
        placeholderKind(field, template, vocabulary, placeholders) ??
        (extra.has(normalize(field.rawValue)) ? 'filler' : null);
      if (!kind) return [];
      // "TBD" is honest for a release not yet known; once merged, release-target asks for it.
      const release = field.key === 'release target' && kind === 'filler';
      if (release && merged) return [];
      const name = templateField(template, field.key);
      const what =
        field.key === 'discussion' && fresh
          ? NEW_DISCUSSION
          : (WHAT[field.key] ?? WHAT[normalize(name)] ?? 'replace it with the real value');
      return [
        {
          range: field.valueRange,
          messageId: kind,
          data:
            kind === 'empty' ? { field: name, what } : { field: name, value: field.rawValue, what },
          ...(release ? { severity: 'notice' } : {}),
        },
      ];
    });
  },
};
