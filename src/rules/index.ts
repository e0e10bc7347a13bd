// Public API of rules/: re-exported by src/index.ts.
export * from './types.js';
export { allRules, ruleById, ruleIds, rulesMarkdownTable } from './registry.js';
export { runRules, rootStage, type AdvisedImage, type LintOptions as EngineOptions, type LintResult } from './engine.js';
export { commandsOf, installedPackages, packageManagerOf, type SimpleCommand } from './commands.js';
