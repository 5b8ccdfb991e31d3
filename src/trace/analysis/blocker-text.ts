// The words of a blocker: one plain line saying what is wrong and one saying what to do. Kept
// apart from the classification so wording can change without touching the semantics.

import { firstLine, innermostMessage } from '../cascade-error';
import type { ConeView } from '../cone-view';
import { formatDuration } from '../format-duration';
import { abbreviatedId } from '../../shared/node-label';
import { countOf } from '../report-words';
import { ownerTaskIdOf } from '../task-relations';
import type { TaskNode } from '../types';
import type { DiagnosisContext } from './context';
import type { Finding } from './needed-walk';

export interface BlockerText {
  explanation: string;
  nextStep: string;
}

export function describeFinding(finding: Finding, view: ConeView, context: DiagnosisContext): BlockerText {
  const node = view.node(finding.id);
  const task = node?.kind === 'task' ? node : undefined;
  const sessionId = context.session?.sessionId ?? node?.sessionId ?? '';
  const facts = finding.facts;
  const attempt = facts.attempt !== undefined && facts.maxAttempts !== undefined ? ` (attempt ${facts.attempt} of ${facts.maxAttempts})` : '';

  switch (finding.reason) {
    case 'failed': {
      const error = task?.error !== undefined ? firstLine(task.error) : 'no error message';
      if (task?.status === 'TIMEOUT') {
        return {
          explanation: `task ${abbreviatedId(finding.id)} timed out after ${formatDuration(facts.elapsedMs ?? facts.maxDurationMs)}${attempt}: ${error}`,
          nextStep: `raise the task's maxDuration (${formatDuration(facts.maxDurationMs)}) or make the worker faster, then resubmit`,
        };
      }
      const exhausted = task !== undefined && task.attempt > 1 ? ` after ${countOf(task.attempt, 'attempt')}` : '';
      return {
        explanation: `task ${abbreviatedId(finding.id)} failed${exhausted}: ${error}`,
        nextStep: `re-run task ${finding.id} locally with its inputs to reproduce "${firstLine(error, 60)}", fix the worker, then resubmit`,
      };
    }
    case 'cascade': {
      const root = facts.rootCauseTaskId;
      const rootNode = root === undefined ? undefined : view.node(root);
      const rootError = rootNode?.kind === 'task' && rootNode.error !== undefined ? `: ${firstLine(innermostMessage(rootNode.error), 80)}` : '';
      return {
        explanation:
          root !== undefined
            ? `task ${abbreviatedId(finding.id)} was aborted because upstream task ${abbreviatedId(root)} failed${rootError}`
            : `task ${abbreviatedId(finding.id)} was aborted because one of its inputs was aborted`,
        nextStep: root !== undefined ? `fix task ${root} (the root cause); this task only failed because of it` : 'follow its aborted inputs to the task that failed',
      };
    }
    case 'waiting-dependencies': {
      const waiting = facts.waitingOn ?? [];
      const total = task ? task.dataDependencies.length + (task.payloadId !== '' ? 1 : 0) : waiting.length;
      return {
        explanation: `task ${abbreviatedId(finding.id)} is waiting for ${waiting.length} of its ${countOf(total, 'input')}`,
        nextStep: waiting.length > 0 ? `nothing to do here; see what input ${waiting[0]} is waiting for` : 'wait',
      };
    }
    case 'queued': {
      const partition = facts.partitionId ?? '';
      const age = facts.queueAgeMs !== undefined ? ` for ${formatDuration(facts.queueAgeMs)}` : '';
      if (finding.partitionEvidence === 'configured-empty') {
        return {
          explanation: `task ${abbreviatedId(finding.id)} is queued${age} in partition \`${partition}\`, which has 0 workers configured`,
          nextStep: `partition \`${partition}\` has 0 workers: check its deployment (pod_max / pod_reserved) or submit to another partition`,
        };
      }
      if (finding.partitionEvidence === 'nothing-running') {
        return {
          explanation: `task ${abbreviatedId(finding.id)} is queued${age} in partition \`${partition}\`, where no task is running anywhere on the cluster: it has no live worker`,
          nextStep: `partition \`${partition}\` has no running workers: check its worker pods (scaling, crashes, image pulls)`,
        };
      }
      if (finding.partitionEvidence === 'idle') {
        return {
          explanation: `task ${abbreviatedId(finding.id)} is queued${age} in partition \`${partition}\` and no task of this trace has started there since`,
          nextStep: `check that partition \`${partition}\` has running, healthy worker pods (its scaling and logs)`,
        };
      }
      if (task?.status !== 'SUBMITTED') {
        return { explanation: `task ${abbreviatedId(finding.id)} has all its inputs and is being queued`, nextStep: 'wait a moment' };
      }
      const workers = facts.partitionWorkers !== undefined ? ` (up to ${countOf(facts.partitionWorkers, 'worker')})` : '';
      return {
        explanation: `task ${abbreviatedId(finding.id)} is queued${age} waiting for a worker of partition \`${partition}\`${workers}`,
        nextStep: `wait for a worker of \`${partition}\`; add capacity if the queue keeps growing`,
      };
    }
    case 'running': {
      const host = task?.podHostname ? ` on ${task.podHostname}` : '';
      if (finding.overdue) {
        return {
          explanation: `task ${abbreviatedId(finding.id)} has run for ${formatDuration(facts.elapsedMs)}${host}, past its max duration of ${formatDuration(facts.maxDurationMs)}`,
          nextStep: `it should time out soon; check the worker${host} for a hang`,
        };
      }
      const limit = facts.maxDurationMs !== undefined ? ` of its ${formatDuration(facts.maxDurationMs)} max` : '';
      return {
        explanation: `task ${abbreviatedId(finding.id)} is running${host} for ${formatDuration(facts.elapsedMs)}${limit}`,
        nextStep: 'wait for it to finish',
      };
    }
    case 'retrying': {
      const previous = task ? previousError(view, task) : undefined;
      const cause = previous !== undefined ? ` after an infrastructure failure: ${firstLine(previous, 80)}` : ' after an infrastructure failure';
      const state = task?.status === 'SUBMITTED' ? 'queued' : task?.status === 'RETRIED' ? 'being created' : 'running';
      return {
        explanation: `retry of task ${abbreviatedId(task?.initialTaskId || finding.id)} is ${state}${attempt}${cause}`,
        nextStep: 'wait for the retry; if attempts keep failing, check the worker pods and their logs',
      };
    }
    case 'paused':
      return {
        explanation: `task ${abbreviatedId(finding.id)} is paused because session ${abbreviatedId(sessionId)} is paused`,
        nextStep: `resume session ${sessionId}`,
      };
    case 'cancelled':
      if (context.session?.status === 'CANCELLED') {
        return {
          explanation: `${finding.kind} ${abbreviatedId(finding.id)} was cancelled with session ${abbreviatedId(sessionId)}`,
          nextStep: 'the session was cancelled: submit the work again in a new session',
        };
      }
      return {
        explanation: `${finding.kind} ${abbreviatedId(finding.id)} was cancelled${task?.error ? `: ${firstLine(task.error, 80)}` : ''}`,
        nextStep: `find who cancelled task ${finding.id}; resubmit it if the result is still needed`,
      };
    case 'orphaned-output': {
      const result = view.node(finding.id);
      const ownerId = result?.kind === 'result' ? ownerTaskIdOf(result) : undefined;
      switch (finding.orphanCause) {
        case 'no-owner':
          return {
            explanation: `result ${abbreviatedId(finding.id)} has no owner: no task was ever submitted to produce it`,
            nextStep: `submit a task that lists ${finding.id} as an expected output, or upload its data`,
          };
        case 'client-upload':
          return {
            explanation: `result ${abbreviatedId(finding.id)} is waiting for the client to upload its data`,
            nextStep: `upload the data of ${finding.id} (UploadResultData)`,
          };
        case 'owner-missing':
          return {
            explanation: `result ${abbreviatedId(finding.id)} is owned by task ${abbreviatedId(ownerId ?? '')}, which does not exist`,
            nextStep: 'resubmit a task that produces it',
          };
        default:
          return {
            explanation: `task ${abbreviatedId(ownerId ?? '')} completed without producing or delegating result ${abbreviatedId(finding.id)}, so it will never be produced`,
            nextStep: `fix the worker of task ${ownerId ?? ''} so it sends every expected output or hands it to a subtask`,
          };
      }
    }
    case 'aborted-input': {
      if (finding.kind === 'result') {
        return {
          explanation: `result ${abbreviatedId(finding.id)} was aborted`,
          nextStep: 'resubmit the work that produces it',
        };
      }
      const input = facts.resultId ?? '';
      const owner = view.node(input);
      const ownerId = owner?.kind === 'result' ? ownerTaskIdOf(owner) : undefined;
      return {
        explanation: `task ${abbreviatedId(finding.id)} can never run: its input ${abbreviatedId(input)} was aborted${ownerId ? ` (task ${abbreviatedId(ownerId)} did not produce it)` : ''}`,
        nextStep: ownerId ? `fix task ${ownerId}, then resubmit this task with a new input` : 'resubmit this task with a valid input',
      };
    }
    case 'missing-input': {
      const input = finding.kind === 'result' ? finding.id : (facts.resultId ?? '');
      const inputNode = view.node(input);
      const deleted = inputNode?.kind === 'result' && inputNode.status === 'DELETED';
      const what = deleted ? 'was deleted (session purged or DeleteResultsData)' : 'does not exist';
      if (finding.kind === 'result') {
        return { explanation: `result ${abbreviatedId(finding.id)} ${what}`, nextStep: 'resubmit the work that produces it in a live session' };
      }
      return {
        explanation: `task ${abbreviatedId(finding.id)} can never run: its input ${abbreviatedId(input)} ${what}`,
        nextStep: 'resubmit this task with an existing input',
      };
    }
    case 'stuck-pending':
      return {
        explanation: `task ${abbreviatedId(finding.id)} is still ${task?.status ?? 'PENDING'} ${formatDuration(finding.ageMs)} after all its inputs completed`,
        nextStep: 'ArmoniK failed to queue it: check the control plane logs; cancelling and resubmitting the task unblocks it',
      };
  }
}

function previousError(view: ConeView, task: TaskNode): string | undefined {
  for (let i = task.retryOfIds.length - 1; i >= 0; i--) {
    const previous = view.node(task.retryOfIds[i]!);
    if (previous?.kind === 'task' && previous.error !== undefined) return previous.error;
  }
  if (task.status === 'RETRIED') return task.error;
  return undefined;
}
