import { ruleFixtures } from './fixtures.js';

ruleFixtures('hardcoded-platform');
