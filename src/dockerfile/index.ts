// Public API of dockerfile/: re-exported by src/index.ts.
export { parseDockerfile } from './parse.js';
export type { OnbuildInstruction } from './node.js';
export { buildModel, platformArgs, argPairs, csvField } from './model.js';
export { expandWord, expandWords, expandWordInfo, ExpandError } from './expand.js';
export type { Lookup, EscapeChar, Expansion } from './expand.js';
export { dumpInstruction, dumpDockerfile } from './dump.js';
export { DockerfileError } from './types.js';
export type { Dockerfile, Flag, Heredoc, Instruction, Pragma, Word } from './types.js';
export type { BuildModel, GlobalArg, ModelOptions, Stage, StageSource } from './stage.js';
export { rootStage } from './stage.js';
