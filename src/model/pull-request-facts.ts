/** What the GitHub API says about a pull request, as the process checks read it: pure data. */
export interface Review {
  user: string;
  state: string;
  submittedAt: string;
  commitId: string | null;
}

export interface PullRequestFacts {
  number: number;
  title: string;
  author: string;
  reviews: Review[];
  /** Each reviewer's role on the repository (admin, maintain, write, triage, read, none). */
  roles: Record<string, string>;
  /** People with write access, to say from whom approvals can come; null when unknown. */
  writers: string[] | null;
  /** The PR's commits, oldest first, and the files each changed (for those read). */
  commits: { sha: string; files: string[] | null }[];
  /** Other open pull requests and the KLIP numbers they claim. */
  otherPulls: { number: number; title: string; numbers: number[] }[];
  /** The checks that could not run, and why: shown as warnings, never a silent pass. */
  skipped: string[];
}

const WRITE_ROLES = ['admin', 'maintain', 'write'];

/** Whether the facts a check needs could be read. */
export function couldRead(
  facts: PullRequestFacts | null,
  check: string,
): facts is PullRequestFacts {
  return facts !== null && !facts.skipped.some((entry) => entry.startsWith(`${check}:`));
}

export function canWrite(role: string | undefined): boolean {
  return role !== undefined && WRITE_ROLES.includes(role);
}
