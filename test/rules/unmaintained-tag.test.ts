import { ruleFixtures } from './fixtures.js';

ruleFixtures('unmaintained-tag');
