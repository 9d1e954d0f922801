// n8n 2.x in queue mode (main + 2 workers, Redis, PostgreSQL): see queue.ts.
import { describeQueue } from './queue';

describeQueue('2');
