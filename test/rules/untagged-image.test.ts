import { ruleFixtures } from './fixtures.js';

ruleFixtures('untagged-image');
