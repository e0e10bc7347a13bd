// Public API of recommend/: the `plinth recommend` session.
export { recommend, recommendFile, modelOf, type RecommendOptions, type RecommendResult } from './run.js';
export { onlineAdvice } from './online.js';
