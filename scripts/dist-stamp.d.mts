// Types of dist-stamp.mjs, for the tests that run the bundle.
export function sourceHash(): string;
export function distIsFresh(): boolean;
export default function ensureDist(): void;
