// Public API of context/: re-exported by src/index.ts.
