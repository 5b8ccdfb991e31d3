// Simulated compute plane: per partition, a set of pods, each running one task at a time. A pod
// polls its partition's queue, acquires the task (DISPATCHED), fetches its data and starts the
// worker (PROCESSING), and when the worker returns hands the outcome to post-processing or to
// the failure paths. All waiting is virtual time in the engine's heap; nothing here owns a timer.

import type { DurationSpec } from './behaviour';
import { JOB_FINISH, JOB_POLL, JOB_START, JOB_STOP, type EngineState, type Job, type PartitionRuntime, type Pod } from './engine-state';
import { abortTask, infrastructureFailure } from './failures';
import { commitSuccess } from './post-processing';
import { crashedPodMessage, INFRA_FAILURE_MESSAGE, renderWorkerError, TIMEOUT_MESSAGE } from './stack-trace';
import type { TaskRecord } from './types';

/** Virtual latencies of the agent (ms), small next to any task's duration. */
const POLL_MIN = 2;
const POLL_MAX = 12;
const FETCH_BASE = 3;
const FETCH_PER_INPUT = 1.5;
const POST_MIN = 4;
const POST_MAX = 15;
const STOP_MIN = 20;
const STOP_MAX = 60;

export class WorkerPods {
  constructor(private readonly state: EngineState) {
    state.wakePartition = (partition) => this.wake(partition);
  }

  run(job: Job): void {
    const pod = job.pod;
    if (!pod || job.token !== pod.token || !pod.alive) return;
    switch (job.kind) {
      case JOB_POLL:
        this.poll(pod);
        break;
      case JOB_START:
        this.startProcessing(pod);
        break;
      case JOB_FINISH:
        this.finish(pod);
        break;
      case JOB_STOP:
        this.stopCancelled(pod);
        break;
    }
  }

  // --- pods

  createPod(partition: PartitionRuntime): Pod {
    const rnd = this.state.podRandom;
    const pod: Pod = {
      name: `compute-plane-${partition.record.id}-${partition.replicaHash}-${rnd.alnum(5)}`,
      ip: `10.42.${rnd.int(250) + 1}.${rnd.int(250) + 2}`,
      partition,
      task: undefined,
      token: 0,
      alive: true,
      polling: false,
      verdict: 'success',
      behaviour: undefined,
      processedAt: 0,
    };
    partition.pods.push(pod);
    return pod;
  }

  setWorkers(partition: PartitionRuntime, workers: number): void {
    const pods = partition.pods;
    while (pods.length < workers) this.createPod(partition);
    if (pods.length > workers) {
      // Idle pods go first; then the busiest are killed, most recently started first.
      const order = [...pods].sort((a, b) => Number(a.task !== undefined) - Number(b.task !== undefined));
      const victims = order.slice(0, pods.length - workers).reverse();
      for (const pod of victims) this.kill(pod);
    }
    partition.record.workers = pods.length;
    this.wake(partition);
  }

  private kill(pod: Pod): void {
    const pods = pod.partition.pods;
    pods.splice(pods.indexOf(pod), 1);
    pod.alive = false;
    pod.token++;
    const task = pod.task;
    if (!task) return;
    pod.task = undefined;
    this.state.podOfTask.delete(task);
    if (task.status === 'DISPATCHED') {
      // The message was not acknowledged: it goes back to the queue.
      this.state.setTaskStatus(task, 'SUBMITTED');
      this.state.pushMessage(task);
    } else if (task.status === 'CANCELLING') {
      // Cancelled but not yet stopped: the unacknowledged message is redelivered, and the agent
      // that dequeues it marks the task CANCELLED.
      this.pushRaw(task);
    } else if (task.status === 'PROCESSING') {
      // Core notices a dead agent only when another agent dequeues the redelivered message.
      this.state.crashed.set(task, pod.name);
      this.pushRaw(task);
    }
  }

  private pushRaw(task: TaskRecord): void {
    const partition = this.state.partitions.get(task.options.partitionId);
    if (!partition) return;
    partition.queue.push(-task.options.priority, task);
    this.wake(partition);
  }

  /** Idle pods start polling when their queue has messages. */
  wake(partition: PartitionRuntime): void {
    if (partition.queue.size === 0) return;
    for (const pod of partition.pods) {
      if (pod.task || pod.polling) continue;
      pod.polling = true;
      this.state.schedule(this.state.timing.uniform(POLL_MIN, POLL_MAX), JOB_POLL, pod);
    }
  }

  private release(pod: Pod): void {
    const task = pod.task;
    if (task) this.state.podOfTask.delete(task);
    pod.task = undefined;
    pod.behaviour = undefined;
    pod.processedAt = 0;
    pod.token++;
    pod.polling = false;
    this.wake(pod.partition);
  }

  // --- the agent's loop

  private poll(pod: Pod): void {
    pod.polling = false;
    const state = this.state;
    const queue = pod.partition.queue;
    for (;;) {
      const task = queue.pop();
      if (!task) return;
      if (state.tasks.get(task.id) !== task) continue; // session deleted
      if (task.status === 'CANCELLING') {
        state.setTaskStatus(task, 'CANCELLED');
        continue;
      }
      if (task.status === 'PROCESSING' && state.crashed.has(task) && !state.podOfTask.has(task)) {
        const podName = state.crashed.get(task)!;
        state.crashed.delete(task);
        infrastructureFailure(state, task, crashedPodMessage(podName));
        continue;
      }
      if (task.status !== 'SUBMITTED') continue; // stale message (paused, already taken…)
      const session = state.sessions.get(task.sessionId);
      const sessionStatus = session?.record.status;
      if (sessionStatus === 'CANCELLED' || sessionStatus === 'CLOSED' || sessionStatus === 'PURGED') {
        if (!task.endedAt) task.endedAt = state.now();
        state.setTaskStatus(task, 'CANCELLED');
        continue;
      }
      this.acquire(pod, task);
      return;
    }
  }

  private acquire(pod: Pod, task: TaskRecord): void {
    const state = this.state;
    const now = state.now();
    pod.task = task;
    pod.token++;
    state.podOfTask.set(task, pod);
    task.ownerPodId = pod.ip;
    task.podHostname = pod.name;
    task.receivedAt = Math.max(task.submittedAt ?? now, now - state.timing.int(3));
    task.acquiredAt = now;
    state.setTaskStatus(task, 'DISPATCHED');
    const fetch = FETCH_BASE + FETCH_PER_INPUT * (task.dataDependencies.length + 1) + state.timing.uniform(0, 8);
    state.schedule(fetch, JOB_START, pod);
  }

  private startProcessing(pod: Pod): void {
    const state = this.state;
    const task = pod.task;
    if (!task || task.status !== 'DISPATCHED') {
      this.letGo(pod, task);
      return;
    }
    const now = state.now();
    task.fetchedAt = Math.max(task.acquiredAt ?? now, now - 1);
    task.startedAt = now;
    // Core stamps the pod's lease when processing starts.
    task.podTtl = now;
    state.setTaskStatus(task, 'PROCESSING');

    let behaviour;
    try {
      behaviour = state.behaviourOf(task.options);
    } catch (error) {
      pod.verdict = 'error';
      pod.behaviour = { duration: undefined, outcome: { kind: 'error', message: `Invalid sim.behaviour: ${(error as Error).message}`, language: 'csharp' }, output: undefined, spawn: undefined };
      state.schedule(1, JOB_FINISH, pod);
      return;
    }
    pod.behaviour = behaviour;
    const attempt = task.retryOfIds.length + 1;
    const outcome = behaviour.outcome;
    let verdict: typeof pod.verdict = 'success';
    if (outcome.kind === 'error') verdict = 'error';
    else if (outcome.kind === 'timeout') verdict = 'timeout';
    else if (outcome.kind === 'infra-failure' && (outcome.failAttempts === undefined || attempt <= outcome.failAttempts)) verdict = 'infra';

    const duration = this.sampleDuration(behaviour.duration);
    const maxDuration = task.options.maxDurationMs;
    if (verdict === 'timeout' || (maxDuration !== undefined && maxDuration > 0 && duration > maxDuration)) {
      if (maxDuration === undefined || maxDuration <= 0) {
        // No deadline: the worker simply never returns.
        pod.verdict = 'hang';
        return;
      }
      pod.verdict = 'timeout';
      state.schedule(maxDuration, JOB_FINISH, pod);
      return;
    }
    pod.verdict = verdict;
    state.schedule(duration + (verdict === 'success' ? state.timing.uniform(POST_MIN, POST_MAX) : 1), JOB_FINISH, pod);
    // The worker's own end comes before post-processing; remember it for the record.
    pod.processedAt = now + Math.round(duration);
  }

  private finish(pod: Pod): void {
    const state = this.state;
    const task = pod.task;
    const processedAt = pod.processedAt;
    if (!task || task.status !== 'PROCESSING') {
      this.letGo(pod, task);
      return;
    }
    const now = state.now();
    task.processedAt = processedAt > 0 && processedAt <= now ? processedAt : now;
    const behaviour = pod.behaviour;
    const verdict = pod.verdict;
    this.release(pod);
    if (!behaviour) return;
    const outcome = behaviour.outcome;
    switch (verdict) {
      case 'success':
        commitSuccess(state, task, behaviour);
        break;
      case 'error':
        if (outcome.kind === 'error') abortTask(state, task, 'ERROR', renderWorkerError(outcome.language, outcome.message, outcome.exception, outcome.frames));
        else abortTask(state, task, 'ERROR', 'Worker returned an error');
        break;
      case 'infra':
        infrastructureFailure(state, task, (outcome.kind === 'infra-failure' && outcome.message) || INFRA_FAILURE_MESSAGE);
        break;
      case 'timeout':
        abortTask(state, task, 'TIMEOUT', (outcome.kind === 'timeout' && outcome.message) || TIMEOUT_MESSAGE);
        break;
      case 'hang':
        break;
    }
  }

  // --- interruptions

  /** CancelTasks on a running task: its agent is told to stop and marks it CANCELLED. */
  stopRunning(task: TaskRecord): void {
    const pod = this.state.podOfTask.get(task);
    if (!pod) return;
    this.state.schedule(this.state.timing.uniform(STOP_MIN, STOP_MAX), JOB_STOP, pod);
  }

  private stopCancelled(pod: Pod): void {
    this.letGo(pod, pod.task);
  }

  /** The agent drops its task. One that was cancelled meanwhile is CANCELLED by this agent
   * (reference §11.2), whichever comes first: the stop request, the end of fetching, or the
   * worker's return. Otherwise a task cancelled while DISPATCHED, or just before its worker
   * returned, would stay CANCELLING forever. */
  private letGo(pod: Pod, task: TaskRecord | undefined): void {
    this.release(pod);
    if (task && task.status === 'CANCELLING') this.state.setTaskStatus(task, 'CANCELLED');
  }

  /** Pause took a DISPATCHED task back: its pod lets go of it. */
  releaseTask(task: TaskRecord): void {
    const pod = this.state.podOfTask.get(task);
    if (pod) this.release(pod);
  }

  private sampleDuration(spec: DurationSpec | undefined): number {
    const rnd = this.state.timing;
    let ms: number;
    if (!spec) {
      const fixed = this.state.options.defaultTaskDurationMs;
      ms = fixed !== undefined ? fixed : rnd.uniform(200, 800);
    } else {
      switch (spec.dist) {
        case 'fixed':
          ms = spec.ms;
          break;
        case 'uniform':
          ms = rnd.uniform(spec.minMs, spec.maxMs);
          break;
        case 'normal':
          ms = rnd.normal(spec.meanMs, spec.stddevMs);
          break;
        case 'exponential':
          ms = rnd.exponential(spec.meanMs);
          break;
      }
    }
    return Math.max(1, Math.round(ms));
  }
}
