// Public API of config/: re-exported by src/index.ts.
export * from './types.js';
export { ConfigError, validateConfig, type Locate } from './validate.js';
export { CONFIG_NAMES, ConfigResolver, findConfigFile, loadConfig, readConfigFile, type LoadOptions } from './load.js';
