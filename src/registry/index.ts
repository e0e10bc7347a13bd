// Public API of registry/: re-exported by src/index.ts.
