// n8n 1.x (see install-n8n.sh for the version and the node it runs on): every scenario of scenarios.ts, then the MoEngage Trigger's (trigger.ts).
import { describeLine } from './scenarios';
import { describeTrigger } from './trigger';

describeLine('1');
describeTrigger('1');
