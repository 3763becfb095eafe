import { canWrite, type PullRequestFacts } from '../../model/pull-request-facts.js';

export interface ApprovalCount {
  /** Writers whose latest review approves, counted. */
  counted: string[];
  /** Approvals that do not count, with why. */
  ignored: { user: string; why: string }[];
}

/**
 * Counts approvals the way the process means them: each reviewer's latest decisive review, from
 * people with write access, not the author, and (unless `countStale`) given after the last commit
 * that changed the file.
 */
export function countApprovals(
  facts: PullRequestFacts,
  files: string[],
  countStale: boolean,
): ApprovalCount {
  const latest = new Map<string, PullRequestFacts['reviews'][number]>();
  const ordered = [...facts.reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  for (const review of ordered) {
    // A comment after an approval leaves the approval standing; a dismissal or a request for changes does not.
    if (['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(review.state))
      latest.set(review.user, review);
  }
  const lastChange = facts.commits.reduce(
    (last, commit, index) =>
      commit.files === null || commit.files.some((file) => files.includes(file)) ? index : last,
    -1,
  );
  const counted: string[] = [];
  const ignored: ApprovalCount['ignored'] = [];
  for (const [user, review] of latest) {
    if (review.state !== 'APPROVED') continue;
    if (user === facts.author) ignored.push({ user, why: 'the author' });
    else if (!canWrite(facts.roles[user]))
      ignored.push({ user, why: `${facts.roles[user] ?? 'no'} access, not write` });
    else if (
      !countStale &&
      facts.commits.findIndex((commit) => commit.sha === review.commitId) < lastChange
    ) {
      ignored.push({ user, why: 'approved before the latest change to the proposal' });
    } else counted.push(user);
  }
  return { counted, ignored };
}
