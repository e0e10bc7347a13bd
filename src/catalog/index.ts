// Public API of catalog/: facts about image families, from data shipped in the package.
export * from './types.js';
export { lookupImage, catalogFamilies, familyOf } from './lookup.js';
export { sizeOf } from './sizes.js';
export { distroEol, supportedReleases, debianCodename } from './eol.js';
export { splitTag, isFloating } from './tag.js';
