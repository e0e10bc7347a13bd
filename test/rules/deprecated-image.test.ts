import { ruleFixtures } from './fixtures.js';

ruleFixtures('deprecated-image');
