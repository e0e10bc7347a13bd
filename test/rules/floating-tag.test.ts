import { ruleFixtures } from './fixtures.js';

ruleFixtures('floating-tag');
