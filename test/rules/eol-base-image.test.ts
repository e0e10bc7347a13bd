import { ruleFixtures } from './fixtures.js';

ruleFixtures('eol-base-image');
