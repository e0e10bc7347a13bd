import { ruleFixtures } from './fixtures.js';

ruleFixtures('latest-tag');
