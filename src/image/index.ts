// Public API of image/: re-exported by src/index.ts.
