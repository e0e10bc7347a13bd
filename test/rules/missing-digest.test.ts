import { ruleFixtures } from './fixtures.js';

ruleFixtures('missing-digest');
