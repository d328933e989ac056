import type { Actor } from '../kit/auth';
import type { RequestWork } from '../../platform/overload';
import type { RequestManager } from './request-manager';

/** Per-request context of the requests subgraph: who asks, its work bounds, the manager and today's date in Asia/Shanghai. */
export interface RequestsContext {
  actor: Actor;
  work: RequestWork;
  manager: RequestManager;
  /** The day the clock is read against, and the latest day a step may be dated. */
  today: string;
}
