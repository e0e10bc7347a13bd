import { ruleFixtures } from './fixtures.js';

ruleFixtures('shell-in-shell-less-stage');
