// Public API of catalog/: re-exported by src/index.ts.
