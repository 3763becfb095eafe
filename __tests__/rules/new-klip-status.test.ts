import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const FILE = 'klip-1-example.md';
const arriving = (status: string) => ({ base: {}, head: { [FILE]: proposal({ status }) } });
const start = (status: string, then: string) =>
  `A new proposal starts at "In Discussion", and this one arrives at "${status}". Set its Status to "In Discussion" and let this PR be the design discussion, or, if this PR carries the discussion and the decision, ${then}.`;
const collect = (count: number, status: string) =>
  `collect the ${count} approvals from people with write access that "${status}" needs on this PR before it is merged`;

runChangeRule('new-klip-status', {
  valid: [
    { name: 'a new proposal In Discussion', ...arriving('In Discussion') },
    { name: 'an alias of the first status', ...arriving('_Discussion_') },
    { name: 'an index status is status-alias’s', ...arriving('Proposal') },
    { name: 'an unreadable status', ...arriving('Done') },
    {
      name: 'a proposal that was there already',
      base: { [FILE]: proposal() },
      head: { [FILE]: proposal({ status: 'Merged' }) },
    },
    {
      name: 'with the reviews at hand, approvals-required judges it instead',
      alsoRun: ['approvals-required'],
      pullRequest: {},
      ...arriving('Merged'),
    },
    { name: 'CRLF line endings', base: {}, head: { [FILE]: crlf(proposal()) } },
  ],
  invalid: [
    {
      name: 'arriving at Design Approved: the approvals it needs',
      ...arriving('Design Approved'),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 28,
          message: start('Design Approved', collect(2, 'Design Approved')),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'arriving at an alias, with configured approvals',
      approvals: { 'Design Approved': 3 },
      ...arriving('Accepted'),
      errors: [
        {
          line: 5,
          message: start('Design Approved', collect(3, 'Design Approved')),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'no approvals configured for the status',
      approvals: {},
      ...arriving('Merged'),
      errors: [
        {
          line: 5,
          message: start(
            'Merged',
            'make sure this PR carried the discussion that reached "Merged"',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'approvals-required on, but the reviews could not be read',
      alsoRun: ['approvals-required'],
      pullRequest: {
        skipped: [{ rules: ['approvals-required'], why: 'the token cannot read reviews' }],
      },
      ...arriving('Merged'),
      errors: [{ line: 5, message: start('Merged', collect(2, 'Merged')), severity: 'warning' }],
    },
    {
      name: 'CRLF line endings',
      base: {},
      head: { [FILE]: crlf(proposal({ status: 'In Development' })) },
      errors: [
        {
          line: 5,
          column: 13,
          message: start('In Development', collect(2, 'In Development')),
          severity: 'warning',
        },
      ],
    },
  ],
});
