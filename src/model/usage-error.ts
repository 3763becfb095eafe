/** A mistake in how klip-lint was called or configured to write: a clear message, no bug report. */
export class UsageError extends Error {}
