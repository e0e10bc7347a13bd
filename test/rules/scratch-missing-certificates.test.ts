import { ruleFixtures } from './fixtures.js';

ruleFixtures('scratch-missing-certificates');
