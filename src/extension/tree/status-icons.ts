// Codicons and theme colours for ArmoniK statuses, shared by the tree, pickers and hovers so the
// same status always looks the same. Theme colours (not hex) keep every theme readable.

import * as vscode from 'vscode';
import type { ResultStatus, SessionStatus, TaskStatus } from '../../armonik/model';

interface IconSpec {
  icon: string;
  color?: string;
}

const TASK: Record<TaskStatus, IconSpec> = {
  UNSPECIFIED: { icon: 'question' },
  CREATING: { icon: 'circle-outline', color: 'descriptionForeground' },
  PENDING: { icon: 'circle-outline', color: 'descriptionForeground' },
  SUBMITTED: { icon: 'clock', color: 'charts.yellow' },
  DISPATCHED: { icon: 'rocket', color: 'charts.blue' },
  PROCESSING: { icon: 'sync~spin', color: 'charts.blue' },
  PROCESSED: { icon: 'pass', color: 'testing.iconPassed' },
  COMPLETED: { icon: 'pass', color: 'testing.iconPassed' },
  ERROR: { icon: 'error', color: 'testing.iconFailed' },
  TIMEOUT: { icon: 'watch', color: 'testing.iconFailed' },
  RETRIED: { icon: 'debug-restart', color: 'charts.orange' },
  CANCELLING: { icon: 'circle-slash', color: 'disabledForeground' },
  CANCELLED: { icon: 'circle-slash', color: 'disabledForeground' },
  PAUSED: { icon: 'debug-pause', color: 'charts.yellow' },
};

const RESULT: Record<ResultStatus, IconSpec> = {
  UNSPECIFIED: { icon: 'question' },
  CREATED: { icon: 'circle-large-outline', color: 'charts.yellow' },
  COMPLETED: { icon: 'pass-filled', color: 'testing.iconPassed' },
  ABORTED: { icon: 'error', color: 'testing.iconFailed' },
  DELETED: { icon: 'trash', color: 'disabledForeground' },
  NOTFOUND: { icon: 'question', color: 'disabledForeground' },
};

const SESSION: Record<SessionStatus, IconSpec> = {
  UNSPECIFIED: { icon: 'question' },
  RUNNING: { icon: 'play-circle', color: 'charts.green' },
  PAUSED: { icon: 'debug-pause', color: 'charts.yellow' },
  CANCELLED: { icon: 'circle-slash', color: 'testing.iconFailed' },
  CLOSED: { icon: 'lock', color: 'descriptionForeground' },
  PURGED: { icon: 'trash', color: 'disabledForeground' },
  DELETED: { icon: 'trash', color: 'disabledForeground' },
};

function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.icon, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

export const taskStatusIcon = (status: TaskStatus): vscode.ThemeIcon => themeIcon(TASK[status] ?? TASK.UNSPECIFIED);
export const resultStatusIcon = (status: ResultStatus): vscode.ThemeIcon => themeIcon(RESULT[status] ?? RESULT.UNSPECIFIED);
export const sessionStatusIcon = (status: SessionStatus): vscode.ThemeIcon => themeIcon(SESSION[status] ?? SESSION.UNSPECIFIED);

/** `$(icon)` text for markdown and quick picks (no colour there). */
export const taskStatusCodicon = (status: TaskStatus): string => `$(${(TASK[status] ?? TASK.UNSPECIFIED).icon.replace('~spin', '')})`;
export const resultStatusCodicon = (status: ResultStatus): string => `$(${(RESULT[status] ?? RESULT.UNSPECIFIED).icon})`;
export const sessionStatusCodicon = (status: SessionStatus): string => `$(${(SESSION[status] ?? SESSION.UNSPECIFIED).icon})`;
