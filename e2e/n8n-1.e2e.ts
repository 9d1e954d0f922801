// n8n 1.x (see install-n8n.sh for the version and the node it runs on): every scenario of scenarios.ts.
import { describeLine } from './scenarios';

describeLine('1');
