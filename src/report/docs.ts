/** Where the rule pages are when the action's own repository is not known. */
export const DEFAULT_DOCS = 'https://github.com/klip-lint/klip-lint/blob/main/docs/rules';

/** The rule pages of the running action: its repository at its ref, as the runner names them. */
export function docsBase(env: Record<string, string | undefined>): string {
  const repository = env.GITHUB_ACTION_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF;
  if (repository && ref)
    return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repository}/blob/${ref}/docs/rules`;
  return DEFAULT_DOCS;
}

export function ruleUrl(base: string, ruleId: string): string {
  return `${base}/${ruleId}.md`;
}
