import type { Rule, RuleMeta } from './rule.js';
import { ENGINE_NOTES } from './engine-notes.js';
import { titleFormat } from './proposal/title-format.js';
import { metadataMissing } from './proposal/metadata-missing.js';
import { metadataFormat } from './proposal/metadata-format.js';
import { metadataDuplicate } from './proposal/metadata-duplicate.js';
import { metadataPlaceholder } from './proposal/metadata-placeholder.js';
import { statusUnknown } from './proposal/status-unknown.js';
import { statusAlias } from './proposal/status-alias.js';
import { tldrMissing } from './proposal/tldr-missing.js';
import { sectionMissing } from './proposal/section-missing.js';
import { sectionOrder } from './proposal/section-order.js';
import { sectionEmpty } from './proposal/section-empty.js';
import { sectionPlaceholder } from './proposal/section-placeholder.js';
import { discussionLink } from './proposal/discussion-link.js';
import { releaseTarget } from './proposal/release-target.js';
import { linkBroken } from './proposal/link-broken.js';
import { filenameFormat } from './proposal/filename-format.js';
import { numberMismatch } from './proposal/number-mismatch.js';
import { numberDuplicate } from './folder/number-duplicate.js';
import { indexMissing } from './folder/index-missing.js';
import { indexStatus } from './folder/index-status.js';
import { indexLink } from './folder/index-link.js';
import { indexNextNumber } from './folder/index-next-number.js';
import { numberChanged } from './change/number-changed.js';
import { numberUnreserved } from './change/number-unreserved.js';
import { klipDeleted } from './change/klip-deleted.js';
import { statusTransition } from './change/status-transition.js';
import { statusSkip } from './change/status-skip.js';
import { newKlipStatus } from './change/new-klip-status.js';
import { templateChanged } from './change/template-changed.js';
import { approvalsRequired } from './github/approvals-required.js';
import { numberCollision } from './github/number-collision.js';
import { prTitle } from './github/pr-title.js';

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
