import { countApprovals } from '../rules/github/approvals.js';
import { classifyTransition, type Vocabulary } from '../model/status.js';
import type { PullRequestFacts } from '../model/pull-request-facts.js';
import type { Finding } from '../model/types.js';
import { ruleUrl } from './docs.js';
import { failureMessage, formatCounts, type FailOn, type Report } from './report.js';
import { plain, type TextFix } from './suggestions.js';

/** Finds klip-lint's one comment among a pull request's comments. */
export const COMMENT_MARKER = '<!-- klip-lint -->';
/** GitHub refuses a comment body of 65,536 characters or more. */
export const MAX_COMMENT_CHARS = 65_536;
const BUDGET = 60_000;

export interface StatusChange {
  klip: number | null;
  file: string;
  from: string | null;
  to: string;
  /** The statuses it may move to next. */
  next: string[];
}

export interface ApprovalNeed {
  klip: number | null;
  file: string;
  status: string;
  required: number;
  counted: string[];
  /** Writers who could give the missing approvals. */
  candidates: string[];
}

export interface CommentInput {
  report: Report;
  failOn: FailOn;
  /** The findings that count, most important first. */
  findings: Finding[];
  /** `{server}/{owner}/{repo}/blob/{headSha}`, for links to lines. */
  blobUrl?: string;
  /** The run's page, where the full summary is. */
  runUrl?: string;
  docs: string;
  statusChanges: StatusChange[];
  approvals: ApprovalNeed[];
  /** Fixes not offered as suggestions. */
  textFixes: TextFix[];
  /** Suggestions made in the review of this run. */
  suggested: number;
  /** People klip-lint asked for a review, recorded for later runs. */
  requested: string[];
  /** Said once, e.g. that suggestions could not be posted. */
  notes?: string[];
}

/** Whether there is anything to say in a comment that does not exist yet. */
export function worthSaying(input: CommentInput): boolean {
  return input.findings.length > 0 || input.statusChanges.length > 0 || input.approvals.length > 0;
}

/** The statuses a proposal may move to from `status`: forward steps and the branch end states. */
export function nextStatuses(status: string, vocabulary: Vocabulary): string[] {
  const from = vocabulary.statuses.find((candidate) => candidate.name === status);
  if (!from) return [];
  return vocabulary.statuses
    .filter(
      (to) =>
        to !== from &&
        !to.indexOnly &&
        ['forward', 'to-branch'].includes(classifyTransition(from, to, vocabulary).kind),
    )
    .map((to) => to.name);
}

/** The status moves of a report, each with what may follow. */
export function statusChanges(report: Report, vocabulary: Vocabulary): StatusChange[] {
  return report.changes.flatMap((change) =>
    change.statusAfter && change.statusAfter !== change.statusBefore
      ? [
          {
            klip: change.klip,
            file: change.file,
            from: change.statusBefore,
            to: change.statusAfter,
            next: nextStatuses(change.statusAfter, vocabulary),
          },
        ]
      : [],
  );
}

/**
 * The proposals a change moves to a status needing approvals it lacks, with who could give them:
 * the configured reviewers when there are some, else the writers; never the author or those counted.
 */
export function approvalNeeds(
  report: Report,
  facts: PullRequestFacts,
  approvals: Record<string, number>,
  options: { countStale: boolean; reviewers: string[] | null },
): ApprovalNeed[] {
  return report.changes.flatMap((change) => {
    if (!change.statusAfter || change.statusAfter === change.statusBefore) return [];
    const required = approvals[change.statusAfter] ?? 0;
    if (required === 0) return [];
    const files = [change.file, ...(change.previousFile ? [change.previousFile] : [])];
    const { counted } = countApprovals(facts, files, options.countStale);
    if (counted.length >= required) return [];
    // Configured reviewers count only if they can write (when the writers are known).
    const writers = facts.writers && new Set(facts.writers.map((user) => user.toLowerCase()));
    const pool = options.reviewers
      ? options.reviewers.filter((user) => !writers || writers.has(user.toLowerCase()))
      : (facts.writers ?? []);
    const excluded = new Set([facts.author, ...counted].map((user) => user.toLowerCase()));
    const candidates = [...new Set(pool)].filter(
      (user) => !excluded.has(user.toLowerCase()) && !user.endsWith('[bot]'),
    );
    return [
      {
        klip: change.klip,
        file: change.file,
        status: change.statusAfter,
        required,
        counted,
        candidates,
      },
    ];
  });
}

const REQUESTED = /<!-- klip-lint requested: ([^>]*) -->/;

/** Who an earlier run asked for a review, as recorded in its comment. */
export function requestedBefore(body: string | null | undefined): string[] {
  const match = REQUESTED.exec(body ?? '');
  return match ? (match[1] as string).split(' ').filter(Boolean) : [];
}

const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

/** The comment's body: short, most important first, always under GitHub's limit. Pure. */
export function renderComment(input: CommentInput): string {
  const { report, failOn } = input;
  let room = BUDGET;
  // Items are rendered only while there is room: a run with thousands of findings stays quick.
  const take = <T>(
    lines: string[],
    items: readonly T[],
    render: (item: T) => string,
    more: (left: number) => string,
  ) => {
    for (let i = 0; i < items.length; i++) {
      if (room < 400) {
        lines.push(more(items.length - i));
        room -= 200;
        return;
      }
      const item = render(items[i] as T);
      if (item.length + 1 > room - 200) {
        lines.push(more(items.length - i));
        room -= 200;
        return;
      }
      lines.push(item);
      room -= item.length + 1;
    }
  };

  const failure = failureMessage(report, failOn);
  const verdict =
    input.findings.length === 0
      ? '✅ **klip-lint: all clear.** No findings that count.'
      : failure
        ? `❌ **klip-lint fails:** ${plain(failure, 1_000)}`
        : `⚠️ **klip-lint passes** with ${formatCounts(report.counts)} (fail-on: ${failOn}).`;
  const header = [COMMENT_MARKER, verdict];
  room -= header.join('\n').length;

  const footer = [
    ...(input.requested.length > 0
      ? [
          `<!-- klip-lint requested: ${input.requested.filter((user) => /^[\w-]+$/.test(user)).join(' ')} -->`,
        ]
      : []),
    input.runUrl
      ? `[The run's full summary](${input.runUrl})`
      : "The run's full summary is on its page.",
  ];
  room -= footer.join('\n').length + 400;

  const statusLines: string[] = [];
  take(
    statusLines,
    input.statusChanges,
    (change) =>
      `- ${klipName(change.klip, change.file)}: ${change.from ? `${plain(change.from, 100)} → ` : 'arrives at '}**${plain(change.to, 100)}**. Next: ${
        change.next.length > 0
          ? change.next.map((name) => plain(name, 100)).join(', ')
          : 'none (final)'
      }.`,
    (left) => `- …and ${left} more status changes.`,
  );

  const approvalLines: string[] = [];
  take(
    approvalLines,
    input.approvals,
    (need) => {
      const missing = need.required - need.counted.length;
      const from = need.candidates.slice(0, 10).map((user) => `@${user}`);
      return `- ${klipName(need.klip, need.file)} at **${plain(need.status, 100)}**: ${need.counted.length} of ${need.required} approvals from writers${
        need.counted.length > 0
          ? ` (${need.counted.map((user) => plain(user, 100)).join(', ')})`
          : ''
      }; ${missing} more needed${
        from.length > 0
          ? `, from ${from.join(', ')}${need.candidates.length > 10 ? ' or another writer' : ''}`
          : ', from a writer of the repository'
      }.`;
    },
    (left) => `- …and ${left} more proposals needing approvals.`,
  );

  const findingLines: string[] = [];
  take(
    findingLines,
    input.findings,
    (finding) =>
      `- ${ICON[finding.severity]} ${where(finding.file, finding.line, input.blobUrl)} ${plain(finding.message, 1_000)} ([${finding.ruleId}](${ruleUrl(input.docs, finding.ruleId)}))`,
    (left) => `- …and ${left} more: see the run's full summary.`,
  );

  const fixLines: string[] = [];
  take(
    fixLines,
    input.textFixes,
    ({ finding, description, reason }) =>
      `- ${where(finding.file, finding.line, input.blobUrl)} ${plain(description, 300)}${REASON[reason]}`,
    (left) => `- …and ${left} more.`,
  );

  const notes = (input.notes ?? []).map((note) => `> ${plain(note, 1_000)}`);
  const body = [
    ...header,
    ...section('Findings that count, most important first', findingLines),
    ...section('Status changes', statusLines),
    ...section('Approvals needed', approvalLines),
    ...(input.suggested > 0
      ? [
          '',
          `${input.suggested} fix${input.suggested === 1 ? ' is' : 'es are'} offered as suggested changes in the review below: apply them with one click.`,
        ]
      : []),
    ...section('Fixes to make by hand (or with `klip-lint --fix`)', fixLines),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    ...footer,
  ].join('\n');
  // The budget above keeps far under the limit; this only guards against a mistake in it.
  return body.length < MAX_COMMENT_CHARS ? body : `${body.slice(0, MAX_COMMENT_CHARS - 100)}\n\n…`;
}

const REASON: Record<TextFix['reason'], string> = {
  outside: '',
  overlap: ' (overlaps another suggested fix: run again after applying it)',
  limit: ' (past the 30 suggestions of one run)',
  rejected: ' (GitHub did not take the suggestion)',
};

function section(title: string, lines: string[]): string[] {
  return lines.length > 0 ? ['', `**${title}**`, '', ...lines] : [];
}

function klipName(klip: number | null, file: string): string {
  return klip !== null ? `KLIP ${klip}` : `\`${plain(file, 200)}\``;
}

/** `file:line`, linking the line at the head commit when the server is known. */
function where(file: string, line: number, blobUrl: string | undefined): string {
  const label = `\`${plain(file, 200).replace(/`/g, "'")}:${line}\``;
  if (!blobUrl) return label;
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `[${label}](${blobUrl}/${path}#L${line})`;
}
