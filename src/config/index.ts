// Public API of config/: re-exported by src/index.ts.
