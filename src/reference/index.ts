// Public API of reference/: re-exported by src/index.ts.
