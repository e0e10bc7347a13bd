// Public API of reference/: the image reference grammar.
export * from './types.js';
export { parseReference, tryParseReference, referenceProblem, formatReference, familiarReference, familiarName, effectiveTag, withTag, withDigest, tagKey } from './parse.js';
export { parsePlatform, formatPlatform, DEFAULT_PLATFORM, PlatformError, type Platform } from './platform.js';
