import { ruleFixtures } from './fixtures.js';

ruleFixtures('jdk-in-final-stage');
