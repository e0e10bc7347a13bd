import { ruleFixtures } from './fixtures.js';

ruleFixtures('scratch-dynamic-binary');
