// Public API of dockerfile/: re-exported by src/index.ts.
