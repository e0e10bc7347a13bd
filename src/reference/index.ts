// Public API of reference/: the image reference grammar.
export * from './types.js';
export { parseReference, formatReference, familiarReference, familiarName, effectiveTag, withTag, withDigest } from './parse.js';
