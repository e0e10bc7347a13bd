import { ruleFixtures } from './fixtures.js';

ruleFixtures('build-tools-in-final-stage');
