import { ruleFixtures } from './fixtures.js';

ruleFixtures('full-image-in-final-stage');
