// Public API of fix/: re-exported by src/index.ts.
export * from './edits.js';
export * from './spans.js';
export * from './diff.js';
