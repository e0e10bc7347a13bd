// Public API of rules/: re-exported by src/index.ts.
