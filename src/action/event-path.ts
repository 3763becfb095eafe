/**
 * @actions/github parses the event file when it is imported and throws on one that is not JSON,
 * before klip-lint can say what is wrong with it. The entry imports this module first: it hides
 * the file from that import, and the entry gives it back for klip-lint to read and check.
 */
export const eventPath = process.env.GITHUB_EVENT_PATH;
delete process.env.GITHUB_EVENT_PATH;

/** Gives GITHUB_EVENT_PATH back, once every module is loaded. */
export function restoreEventPath(): void {
  if (eventPath !== undefined) process.env.GITHUB_EVENT_PATH = eventPath;
}
