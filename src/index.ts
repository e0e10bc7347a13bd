// The library API: everything the CLI uses is exported from here, one line per folder.
export * from './dockerfile/index.js';
export * from './reference/types.js';
export * from './catalog/types.js';
export * from './config/types.js';
export * from './rules/types.js';
export * from './registry/types.js';
export * from './fix/index.js';
export { atomicWriteFile } from './util/atomic.js';
