import { ruleFixtures } from './fixtures.js';

ruleFixtures('untrusted-registry');
