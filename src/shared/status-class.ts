// Statuses grouped by what they mean to someone waiting for a result. The webview colours
// nodes by class, the legend and the status filter list classes, not the 20 raw statuses.

export const STATUS_CLASSES = ['failed', 'running', 'queued', 'waiting', 'retried', 'paused', 'cancelled', 'done'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

const CLASS_OF: Record<string, StatusClass> = {
  COMPLETED: 'done',
  ERROR: 'failed',
  TIMEOUT: 'failed',
  ABORTED: 'failed',
  NOTFOUND: 'failed',
  PROCESSING: 'running',
  DISPATCHED: 'running',
  PROCESSED: 'running',
  SUBMITTED: 'queued',
  PENDING: 'waiting',
  CREATING: 'waiting',
  CREATED: 'waiting',
  UNSPECIFIED: 'waiting',
  RETRIED: 'retried',
  PAUSED: 'paused',
  CANCELLING: 'cancelled',
  CANCELLED: 'cancelled',
  DELETED: 'cancelled',
};

export function statusClass(status: string): StatusClass {
  return CLASS_OF[status] ?? 'waiting';
}

export const STATUS_CLASS_LABEL: Record<StatusClass, string> = {
  failed: 'Failed / aborted',
  running: 'Running',
  queued: 'Queued',
  waiting: 'Waiting / created',
  retried: 'Retried',
  paused: 'Paused',
  cancelled: 'Cancelled / deleted',
  done: 'Completed',
};
