// Public API of rules/: re-exported by src/index.ts.
export * from './types.js';
export { allRules, ruleById, rulesMarkdownTable } from './registry.js';
export { lintDockerfile, stageInfos, rootStage, type LintOptions as EngineOptions, type LintResult } from './engine.js';
export { commandsOf, installedPackages, packageManagerOf, type SimpleCommand } from './commands.js';
