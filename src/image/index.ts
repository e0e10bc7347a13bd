// Public API of image/: re-exported by src/index.ts.
export * from './types.js';
export { readImageContents } from './read.js';
export { openImageSource, type OpenOptions } from './open.js';
export { diffPackages, type PackageDiff } from './diff.js';
export { contentsToFacts, type ContentFacts } from './facts.js';
export { ImageFilesystem } from './filesystem.js';
export { parseDpkgStatus, parseApkInstalled } from './packages.js';
export { parseRpmHeader, readRpmSqlite } from './rpm.js';
export { choosePlatform } from './platform.js';
export { DEFAULT_PLATFORM, parsePlatform } from '../reference/platform.js';
export { contentsLines, diffLines } from './format.js';
export { formatBytes } from '../util/bytes.js';
