// Public API of advisor/: re-exported by src/index.ts.
