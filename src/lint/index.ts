// Public API of lint/: discovery and the lint run the CLI calls.
export * from './types.js';
export { discoverDockerfiles, isDockerfileName } from './discover.js';
export { ruleIds } from '../rules/registry.js';
export { exitCode, expandPaths, lintEach, lintPaths, lintRules, lintSource, STDIN_PATH, summarize, today, type LintTotals } from './run.js';
export { lintDockerfile } from './lint-file.js';
export { LintSession } from './session.js';
