// Public API of fix/: re-exported by src/index.ts.
export * from './edits.js';
