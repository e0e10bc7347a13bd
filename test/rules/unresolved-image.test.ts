import { ruleFixtures } from './fixtures.js';

ruleFixtures('unresolved-image');
