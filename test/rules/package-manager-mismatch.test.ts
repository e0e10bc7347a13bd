import { ruleFixtures } from './fixtures.js';

ruleFixtures('package-manager-mismatch');
