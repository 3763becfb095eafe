import { ENGINE_NOTES, type Rule, type RuleMeta } from '../rules/index.js';

const SEVERITY = {
  enum: ['off', 'notice', 'warning', 'error'],
  description: "off, or the severity of the rule's findings.",
};
const NAMES = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

/** The JSON Schema of `.github/klip-lint.yml`, built from the rules so that each rule's options are checked. */
export function configSchema(
  rules: readonly Rule[],
  extraIds: readonly string[] = [],
): Record<string, unknown> {
  const ruleIds = [...rules.map((rule) => rule.meta.id), ...extraIds];
  const ruleSetting = (meta: RuleMeta | undefined) => ({
    description: meta?.description,
    if: { type: 'string' },
    then: SEVERITY,
    else: {
      type: 'object',
      additionalProperties: false,
      properties: {
        severity: SEVERITY,
        options: {
          type: 'object',
          additionalProperties: false,
          properties: meta?.options ?? {},
        },
      },
    },
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/klip-lint/klip-lint/blob/main/klip-lint.schema.json',
    title: 'klip-lint configuration (.github/klip-lint.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      path: {
        type: 'string',
        minLength: 1,
        description: 'The proposals folder, relative to the repository root.',
      },
      template: {
        type: 'string',
        minLength: 1,
        description: 'The template, relative to the proposals folder.',
      },
      index: {
        type: 'string',
        minLength: 1,
        description: 'The index, relative to the proposals folder.',
      },
      statuses: {
        type: 'object',
        additionalProperties: false,
        description: 'The status vocabulary. Parts left out keep their defaults.',
        properties: {
          order: {
            ...NAMES,
            minItems: 1,
            description: 'The statuses a proposal moves through, in order.',
          },
          reserved: {
            type: 'string',
            minLength: 1,
            description: 'The index-only status of a reserved number.',
          },
          end: {
            ...NAMES,
            description: 'Final statuses; those not in `order` can be reached from any step.',
          },
          aliases: {
            type: 'object',
            additionalProperties: { type: 'string', minLength: 1 },
            description: 'Other spellings, each mapped to its canonical status.',
          },
          transitions: {
            type: 'object',
            additionalProperties: NAMES,
            description: 'Moves allowed outside the order: from a status to a list of statuses.',
          },
        },
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        description: "Each rule's severity (off, notice, warning, error) and options.",
        properties: Object.fromEntries(
          ruleIds.map((id) => [
            id,
            ruleSetting(
              rules.find((rule) => rule.meta.id === id)?.meta ??
                ENGINE_NOTES.find((note) => note.id === id),
            ),
          ]),
        ),
      },
      ignore: {
        type: 'object',
        additionalProperties: false,
        properties: {
          files: { ...NAMES, description: 'Globs of proposal files to report nothing on.' },
          numbers: {
            type: 'array',
            items: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
            description: 'KLIP numbers to report nothing on.',
          },
        },
      },
      baseline: {
        type: 'object',
        additionalProperties: false,
        required: ['from'],
        description:
          'Old proposals: the listed rules (all, if none are listed) apply only from KLIP `from` on.',
        properties: {
          from: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          rules: { type: 'array', items: { enum: ruleIds } },
        },
      },
      approvals: {
        type: 'object',
        additionalProperties: { type: 'integer', minimum: 0, maximum: 1000 },
        description: 'Approvals from writers a PR needs to move a proposal to each status.',
      },
      reviewers: {
        type: 'array',
        items: { type: 'string', pattern: '^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$' },
        uniqueItems: true,
        description:
          "GitHub logins to name, and to ask with the request-reviewers input, for the approvals a proposal needs. Absent: the repository's writers.",
      },
      sections: {
        type: 'object',
        additionalProperties: false,
        description:
          "How headings are matched to the template's sections. Entries add to the defaults.",
        properties: {
          aliases: {
            type: 'object',
            additionalProperties: NAMES,
            description:
              'Other headings accepted for a template section, by its name, e.g. {"Value/Return": ["Value"]}.',
          },
          synonyms: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description:
              'Words or phrases read as another word in headings, e.g. {"docs": "documentation"}.',
          },
          requiredFrom: {
            type: 'object',
            additionalProperties: { type: 'string', minLength: 1 },
            description:
              'A section required only from a status on, by its name, e.g. {"LOEs and Delivery Milestones": "Design Approved"}.',
          },
        },
      },
      placeholders: {
        ...NAMES,
        description:
          'Values that count as not filled in, in any metadata field (replaces the default list: TBD, TODO, link, PR, ...). A value with no letter or digit, such as "?", always counts.',
      },
      'stale-days': {
        type: 'integer',
        minimum: 0,
        description:
          'Whole-folder runs list the proposals in flight whose file has not changed for this many days; 0 or absent: off.',
      },
    },
  };
}
