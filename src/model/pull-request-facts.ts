/** What the GitHub API says about a pull request, as the process checks read it: pure data. */
export interface Review {
  user: string;
  state: string;
  submittedAt: string;
  commitId: string | null;
}

/** Checks that could not run because the facts they need could not be read. */
export interface SkippedCheck {
  /** The ids of the rules that were skipped. */
  rules: readonly string[];
  /** Why, in words for the warning: what failed and which permission may be missing. */
  why: string;
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
  skipped: SkippedCheck[];
}

const WRITE_ROLES = ['admin', 'maintain', 'write'];

/** Whether the facts a check (a rule id) needs could be read. */
export function couldRead(
  facts: PullRequestFacts | null,
  check: string,
): facts is PullRequestFacts {
  return facts !== null && !facts.skipped.some((entry) => entry.rules.includes(check));
}

/** A skipped check as the warning says it: "Skipped <rule ids>: <why>". */
export function skippedWarning(entry: SkippedCheck): string {
  return `Skipped ${entry.rules.join(', ')}: ${entry.why}`;
}

export function canWrite(role: string | undefined): boolean {
  return role !== undefined && WRITE_ROLES.includes(role);
}
