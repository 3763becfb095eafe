import type { RuleMeta } from './rule.js';

/*
 * The ids the engine and the sources report themselves, described like rules: the one list that
 * config validation, the schema, SARIF descriptors and the docs pages read.
 */

export const FILE_UNREADABLE = 'file-unreadable';
export const FILE_ENCODING = 'file-encoding';
export const INTERNAL_ERROR = 'internal-error';
export const SUPPRESSION_UNUSED = 'suppression-unused';

export const ENGINE_NOTES: readonly RuleMeta[] = [
  {
    id: FILE_UNREADABLE,
    description:
      'A file in the proposals folder could not be read, or not fully, and was not checked',
    severity: 'warning',
    configurable: true,
    docs: `klip-lint reads only regular Markdown files. A symbolic link is reported and never followed (it
could point outside the repository); a submodule or another kind of entry where a proposal should be, a
binary file (one with NUL bytes) and a file over 1 MiB cannot be checked as a proposal. The rest of the
folder is still checked.

Files are also reported, not parsed, when they are over the 1 MiB size limit (proposals, the
template and the index alike), binary, or a Git LFS pointer (the proposal itself is stored in LFS).
A file with more than 200 block structures that make Markdown parsing slow (separate block quotes,
lazy block quote lines, nested or interrupted lists, setext headings) is read with those structures
as plain text, so that no file can stall the check, and is reported as not fully checked.

Against a base (a pull request, \`--base\`), a proposal the change touches that cannot be read at all
is an error (unless the base's configuration turns the id off): its change (its status, its number) cannot be judged, and a
check that cannot judge a change must not pass it.`,
    examples: {
      language: 'text',
      bad: `design-proposals/klip-9-link.md -> ../../elsewhere/klip-9.md`,
      good: `design-proposals/klip-9-link.md   (a regular file)`,
    },
    howToFix: `Replace the link or submodule with the proposal's own file; keep proposals as text under 1 MiB, in the repository itself (not in LFS), without hundreds of separate block quotes or setext headings.`,
    messages: {
      tooLarge:
        'The file was not checked: it is {{size}}over the {{limit}}-byte limit for {{what}}.',
      binary: 'The file was not checked: it is binary (it contains NUL bytes), not Markdown.',
      lfsPointer:
        'The file was not checked: it is a Git LFS pointer, the file itself is stored in Git LFS. Keep proposals out of LFS (or fetch them with git lfs pull before linting).',
      notAFile: 'The file was not checked: it is {{kind}}.',
      folderNotAFolder:
        "The proposals folder is a {{kind}}: klip-lint checks this repository's own files only, so nothing in it was checked.",
      indexTooLarge:
        'The index was not checked: it is over the {{limit}}-byte limit for a file klip-lint reads.',
      partlyChecked:
        'The file was not fully checked: it has {{structures}} block quotes, lists, lazy lines or setext headings, more than the {{limit}} klip-lint parses in bounded time, so they were read as plain text.',
      // A proposal the change touches: its change cannot be judged.
      changeUnjudged:
        '{{note}} A proposal this change touches must be readable for its change (its status, its number) to be judged: keep it a text file under the limit.',
    },
  },
  {
    id: FILE_ENCODING,
    description: 'A file is not valid UTF-8; its invalid bytes were read as U+FFFD',
    severity: 'warning',
    configurable: true,
    docs: `Proposals are UTF-8 text. A file saved in another encoding (Latin-1, UTF-16) shows its non-ASCII
letters as garbage on GitHub and in every tool. klip-lint still checks the file, reading each invalid
byte as the replacement character, so the other findings stay useful.`,
    examples: {
      language: 'text',
      bad: `A file saved as Latin-1: "Pe\\xf1a" (one byte, 0xF1, for ñ)`,
      good: `The same file saved as UTF-8: "Peña" (two bytes, 0xC3 0xB1, for ñ)`,
    },
    howToFix: `Save the file as UTF-8 (most editors have "Save with encoding"), or convert it:
\`iconv -f latin1 -t utf-8 in.md > out.md\`.`,
    messages: {
      invalid:
        'The file is not valid UTF-8; its invalid bytes were read as U+FFFD. Save it as UTF-8.',
    },
  },
  {
    id: INTERNAL_ERROR,
    description:
      'A rule failed on a file; the other rules still ran. Please report it with the rule id',
    severity: 'error',
    configurable: false,
    docs: `One rule failing on one odd file must not hide what every other rule found. The failure is reported on
the file, and the step fails so that it is not missed. A file the parser fails on is reported the same
way; the other files are still checked.`,
    examples: {
      language: 'text',
      bad: `design-proposals/klip-9-x.md:1:1 error Rule section-order failed on this file (...) [internal-error]`,
      good: `design-proposals/klip-9-x.md: no internal-error finding`,
    },
    howToFix: `Please report it as a klip-lint bug with the rule id from the message and, if you can, the file.`,
    messages: {
      ruleFailed:
        'Rule {{rule}} failed on this file ({{reason}}); please report this as a klip-lint bug, naming the rule {{rule}}.',
      parseFailed:
        'klip-lint could not parse this file ({{reason}}), so its rules did not run; please report this as a klip-lint bug, with the file if you can.',
    },
  },
  {
    id: SUPPRESSION_UNUSED,
    description: 'An inline suppression comment suppresses nothing',
    severity: 'notice',
    configurable: true,
    docs: `A \`<!-- klip-lint-disable ... -->\` comment that no longer hides anything (the problem was fixed, or the
rule id is misspelt) hides the next real problem instead, or says something untrue about the file.`,
    examples: {
      language: 'markdown',
      bad: `<!-- klip-lint-disable-next-line section-mising -->

## Design`,
      good: `<!-- klip-lint-disable-next-line section-empty -->

## Design`,
    },
    howToFix: `Remove the comment, or correct the rule id it names (the message suggests the closest one).
The comments are \`<!-- klip-lint-disable rule-id -->\`, \`<!-- klip-lint-enable rule-id -->\` and
\`<!-- klip-lint-disable-next-line rule-id -->\`; several ids may follow, separated by spaces or
commas, and none means every rule.`,
    messages: {
      unused: 'This klip-lint-{{kind}} comment suppresses nothing; remove it.',
      unknownRule: 'This klip-lint-{{kind}} comment suppresses nothing: {{hint}}; remove it.',
    },
  },
];

/** The engine notes a configuration file may set a severity for. */
export const CONFIGURABLE_NOTE_IDS: readonly string[] = ENGINE_NOTES.filter(
  (note) => note.configurable !== false,
).map((note) => note.id);
