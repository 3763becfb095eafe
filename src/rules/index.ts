import type { Rule, RuleMeta } from './rule.js';
import { ENGINE_NOTES } from './engine-notes.js';
import { titleFormat } from './title-format.js';
import { metadataMissing } from './metadata-missing.js';
import { metadataFormat } from './metadata-format.js';
import { metadataDuplicate } from './metadata-duplicate.js';
import { metadataPlaceholder } from './metadata-placeholder.js';
import { statusUnknown } from './status-unknown.js';
import { statusAlias } from './status-alias.js';
import { tldrMissing } from './tldr-missing.js';
import { sectionMissing } from './section-missing.js';
import { sectionOrder } from './section-order.js';
import { sectionEmpty } from './section-empty.js';
import { sectionPlaceholder } from './section-placeholder.js';
import { discussionLink } from './discussion-link.js';
import { releaseTarget } from './release-target.js';
import { linkBroken } from './link-broken.js';
import { filenameFormat } from './filename-format.js';
import { numberMismatch } from './number-mismatch.js';
import { numberDuplicate } from './number-duplicate.js';
import { indexMissing } from './index-missing.js';
import { indexStatus } from './index-status.js';
import { indexLink } from './index-link.js';
import { indexNextNumber } from './index-next-number.js';
import { numberChanged } from './number-changed.js';
import { numberUnreserved } from './number-unreserved.js';
import { klipDeleted } from './klip-deleted.js';
import { statusTransition } from './status-transition.js';
import { statusSkip } from './status-skip.js';
import { newKlipStatus } from './new-klip-status.js';
import { templateChanged } from './template-changed.js';
import { approvalsRequired } from './approvals-required.js';
import { numberCollision } from './number-collision.js';
import { prTitle } from './pr-title.js';

/** Every rule, in the order the README's table lists them. */
export const RULES: readonly Rule[] = [
  titleFormat,
  metadataMissing,
  metadataFormat,
  metadataDuplicate,
  metadataPlaceholder,
  statusUnknown,
  statusAlias,
  tldrMissing,
  sectionMissing,
  sectionOrder,
  sectionEmpty,
  sectionPlaceholder,
  discussionLink,
  releaseTarget,
  linkBroken,
  filenameFormat,
  numberMismatch,
  numberDuplicate,
  indexMissing,
  indexStatus,
  indexLink,
  indexNextNumber,
  numberChanged,
  numberUnreserved,
  klipDeleted,
  statusTransition,
  statusSkip,
  newKlipStatus,
  templateChanged,
  approvalsRequired,
  numberCollision,
  prTitle,
];

/** Every id the product can report, described: the rules, then the notes the engine reports itself. */
export const REPORTABLE: readonly { meta: RuleMeta; note: boolean }[] = [
  ...RULES.map((rule) => ({ meta: rule.meta, note: false })),
  ...ENGINE_NOTES.map((meta) => ({ meta, note: true })),
];

export { ENGINE_NOTES, CONFIGURABLE_NOTE_IDS } from './engine-notes.js';
export type { Rule, RuleMeta, RuleContext, Project, ChangeContext, KlipChange } from './rule.js';
