import type { Review } from '../../src/model/pull-request-facts.js';
import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const FILE = 'klip-1-example.md';
const PATH = `design-proposals/${FILE}`;
const ROLES = { alice: 'write', bob: 'maintain', carol: 'admin', dave: 'read', author: 'write' };
const WRITERS = ['alice', 'bob', 'carol', 'author'];
/** Two commits: the first changes the proposal, the second only another file (or, with `touch`, it too). */
const commits = (touch = false) => [
  { sha: 'c1', files: [PATH] },
  { sha: 'c2', files: touch ? [PATH] : ['notes.txt'] },
];
let clock = 0;
const review = (user: string, state: string, commitId = 'c1'): Review => ({
  user,
  state,
  commitId,
  submittedAt: `2024-05-01T10:${String(clock++ % 60).padStart(2, '0')}:00Z`,
});
const pr = (reviews: Review[], touch = false) => ({
  author: 'author',
  reviews,
  roles: ROLES,
  writers: WRITERS,
  commits: commits(touch),
});
const toApproved = {
  base: { [FILE]: proposal() },
  head: { [FILE]: proposal({ status: 'Design Approved' }) },
};
const needs = (what: string, count: number, have: string, more: string, not = '') =>
  `KLIP 1 ${what}, which needs 2 approvals from people with write access; it has ${count}${have}. ${more}${not}`;

runChangeRule('approvals-required', {
  valid: [
    {
      name: 'two writers approved the latest version',
      ...toApproved,
      pullRequest: pr([review('alice', 'APPROVED'), review('bob', 'APPROVED', 'c2')]),
    },
    {
      name: 'a comment after an approval leaves it standing',
      ...toApproved,
      pullRequest: pr([
        review('alice', 'APPROVED'),
        review('carol', 'APPROVED'),
        review('alice', 'COMMENTED'),
      ]),
    },
    {
      name: 'a status that needs no approvals',
      base: { [FILE]: proposal({ status: 'Design Approved' }) },
      head: { [FILE]: proposal({ status: 'Withdrawn' }) },
      pullRequest: pr([]),
    },
    {
      name: 'the status did not change',
      base: { [FILE]: proposal({ status: 'Approved' }) },
      head: { [FILE]: proposal({ status: 'Design Approved' }) },
      pullRequest: pr([]),
    },
    {
      name: 'a new proposal In Discussion',
      base: {},
      head: { [FILE]: proposal() },
      pullRequest: pr([]),
    },
    { name: 'without the GitHub API', ...toApproved },
    {
      name: 'the reviews could not be read (a warning elsewhere, not a pass or fail here)',
      ...toApproved,
      pullRequest: { ...pr([]), skipped: [{ rules: ['approvals-required'], why: 'no token' }] },
    },
    {
      name: 'fewer approvals configured',
      approvals: { 'Design Approved': 1 },
      ...toApproved,
      pullRequest: pr([review('alice', 'APPROVED')]),
    },
    {
      name: 'stale approvals counted by the countStale option',
      options: { countStale: true },
      ...toApproved,
      pullRequest: pr([review('alice', 'APPROVED'), review('bob', 'APPROVED')], true),
    },
    {
      name: 'CRLF line endings',
      base: { [FILE]: crlf(proposal()) },
      head: { [FILE]: crlf(proposal({ status: 'Design Approved' })) },
      pullRequest: pr([review('alice', 'APPROVED'), review('bob', 'APPROVED')]),
    },
  ],
  invalid: [
    {
      name: 'one writer and one reader: who else could approve',
      ...toApproved,
      pullRequest: pr([review('alice', 'APPROVED'), review('dave', 'APPROVED')]),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 28,
          message: needs(
            'moves to "Design Approved"',
            1,
            ' (alice)',
            '1 more is needed, from a writer such as bob, carol, author.',
            ' Not counted: dave (read access, not write).',
          ),
          severity: 'error',
        },
      ],
    },
    {
      name: 'the author’s own approval and an unknown reviewer do not count',
      ...toApproved,
      pullRequest: pr([review('author', 'APPROVED'), review('erin', 'APPROVED')]),
      errors: [
        {
          line: 5,
          message: needs(
            'moves to "Design Approved"',
            0,
            '',
            '2 more are needed, from a writer such as alice, bob, carol, author.',
            ' Not counted: author (the author), erin (no access, not write).',
          ),
          severity: 'error',
        },
      ],
    },
    {
      name: 'approvals given before the latest change to the proposal',
      ...toApproved,
      pullRequest: pr([review('alice', 'APPROVED'), review('bob', 'APPROVED', 'c2')], true),
      errors: [
        {
          line: 5,
          message: needs(
            'moves to "Design Approved"',
            1,
            ' (bob)',
            '1 more is needed, from a writer such as alice, carol, author.',
            ' Not counted: alice (approved before the latest change to the proposal).',
          ),
          severity: 'error',
        },
      ],
    },
    {
      name: 'an approval followed by a request for changes',
      ...toApproved,
      pullRequest: pr([
        review('alice', 'APPROVED'),
        review('bob', 'APPROVED'),
        review('bob', 'CHANGES_REQUESTED'),
      ]),
      errors: [
        {
          line: 5,
          message: needs(
            'moves to "Design Approved"',
            1,
            ' (alice)',
            '1 more is needed, from a writer such as bob, carol, author.',
          ),
          severity: 'error',
        },
      ],
    },
    {
      name: 'a new proposal arriving at Merged, writers unknown',
      base: {},
      head: { [FILE]: proposal({ status: 'Merged' }) },
      pullRequest: { ...pr([]), writers: null },
      errors: [
        {
          line: 5,
          message: needs(
            'arrives at "Merged"',
            0,
            '',
            '2 more are needed, from people with write access.',
          ),
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      base: { [FILE]: crlf(proposal({ status: 'Design Approved' })) },
      head: { [FILE]: crlf(proposal({ status: 'In Development' })) },
      pullRequest: pr([review('alice', 'APPROVED')]),
      errors: [
        {
          line: 5,
          column: 13,
          message: needs(
            'moves to "In Development"',
            1,
            ' (alice)',
            '1 more is needed, from a writer such as bob, carol, author.',
          ),
          severity: 'error',
        },
      ],
    },
  ],
});
