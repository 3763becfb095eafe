import type { Rule } from '../rule.js';
import { lineAt } from '../helpers.js';
import { isStub } from './sections.js';

export const tldrMissing: Rule = {
  meta: {
    id: 'tldr-missing',
    description: "No tl;dr, an empty one, or the template's text",
    severity: 'warning',
    docs: `A \`**tl;dr:**\` paragraph after the metadata says in a few lines why the proposal matters and who
benefits. It is what a reviewer reads first and what the index links promise. Write it yourself: the
template's own sentence does not count.`,
    examples: {
      language: 'markdown',
      bad: `**Discussion**: https://github.com/org/repo/pull/123

## Motivation and background`,
      good: `**Discussion**: https://github.com/org/repo/pull/123

**tl;dr:** Pull queries fail over to a standby in seconds instead of minutes, so
that applications reading state stay available through server failures.

## Motivation and background`,
    },
    howToFix: `Write two or three sentences after the metadata: the problem, the change, who benefits.`,
    messages: {
      missing:
        'No tl;dr: add a "**tl;dr:** ..." paragraph after the metadata saying why and who benefits.',
      unlabelled:
        'No tl;dr label: if the text on line {{line}} is the summary, start it with "**tl;dr:**"; otherwise add a "**tl;dr:** ..." paragraph after the metadata saying why and who benefits.',
      empty: 'The tl;dr is empty: say why and who benefits.',
      template: "The tl;dr is still the template's text: replace it with this proposal's.",
    },
  },
  document(document, { template }) {
    const { tldr } = document;
    // A stub gets one finding (section-missing) saying what to write.
    if (!tldr && isStub(document)) return [];
    if (!tldr) {
      const line = document.metadataEndLine || document.title?.range.endLine || 1;
      const prose = document.summaryLine;
      if (prose)
        return [
          {
            range: lineAt(document, prose),
            messageId: 'unlabelled',
            data: { line: prose },
          },
        ];
      return [
        {
          range: lineAt(document, line),
          messageId: 'missing',
        },
      ];
    }
    if (!tldr.text) return [{ range: tldr.range, messageId: 'empty' }];
    if (template.tldrPlaceholder && tldr.text === template.tldrPlaceholder) {
      return [
        {
          range: tldr.range,
          messageId: 'template',
        },
      ];
    }
    return [];
  },
};
