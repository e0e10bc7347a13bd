// The library API: everything the CLI uses is exported from here.
export * from './dockerfile/types.js';
export * from './dockerfile/stage.js';
export * from './reference/types.js';
export * from './catalog/types.js';
export * from './config/types.js';
export * from './rules/types.js';
