// The library API: everything the CLI uses is exported from here, one line per folder.
export * from './dockerfile/types.js';
export * from './dockerfile/stage.js';
export * from './reference/types.js';
export * from './catalog/types.js';
export * from './config/types.js';
export * from './rules/types.js';
export * from './registry/types.js';
export * from './fix/index.js';
export { atomicWriteFile } from './util/atomic.js';
