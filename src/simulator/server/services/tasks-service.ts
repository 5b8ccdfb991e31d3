// `armonik.api.grpc.v1.tasks.Tasks` (reference §5, §11.2, §11.4, §11.7, §11.9).

import { status } from '@grpc/grpc-js';
import { TASK_STATUSES, type TaskStatus } from '../../../armonik/model';
import { taskOptionsOverridesFromWire } from '../../../armonik/wire/task-options-codec';
import type { TasksHandlers, WireListTasksDetailedResponseInput, WireListTasksResponseInput } from '../../../armonik/wire/types';
import type { TaskCreationInput } from '../../engine/types';
import { compileFilters } from '../filters/compile-filters';
import { TASK_SCHEMA } from '../filters/task-fields';
import { taskSource } from '../listing/engine-sources';
import { runList } from '../listing/run-list';
import { invalidArgument, RpcError } from '../rpc-error';
import { mutate, type ServiceContext } from '../service-context';
import { unary } from '../unary-handler';
import { taskStatusToWire } from '../wire/enum-names';
import { preEncoded } from '../wire/pre-encoded';
import { encodeListPage, writeTaskDetailed, writeTaskSummary } from '../wire/record-encoding';
import { taskDetailedToWire, taskSummaryToWire } from '../wire/task-wire';

export function tasksService(ctx: ServiceContext): TasksHandlers {
  const { engine } = ctx;
  const source = taskSource(engine);
  return {
    // Pages are encoded straight from the records (record-encoding.ts): the hot path of every
    // trace. `with_errors` is ignored: Core always fills `error` (reference §11.9).
    ListTasks: unary((request) => {
      const page = runList(ctx.lister, 'ListTasksRequest', request, TASK_SCHEMA, source);
      return preEncoded<WireListTasksResponseInput>(encodeListPage(page.rows, writeTaskSummary, request.page, request.pageSize, page.total));
    }),
    ListTasksDetailed: unary((request) => {
      const page = runList(ctx.lister, 'ListTasksRequest', request, TASK_SCHEMA, source);
      return preEncoded<WireListTasksDetailedResponseInput>(encodeListPage(page.rows, writeTaskDetailed, request.page, request.pageSize, page.total));
    }),
    GetTask: unary((request) => {
      const task = engine.task(request.taskId);
      if (!task) throw new RpcError(status.NOT_FOUND, `Task ${request.taskId} not found`);
      return { task: taskDetailedToWire(task) };
    }),
    CancelTasks: unary((request) => {
      // `task_ids` can never be null on the wire (proto3 repeated), so Core's "not null" rule
      // always holds; an empty list cancels nothing.
      const tasks = mutate(ctx, () => engine.cancelTasks(request.taskIds));
      return { tasks: tasks.map(taskSummaryToWire) };
    }),
    GetResultIds: unary((request) => ({
      // Unknown tasks are omitted (reference §11.9).
      taskResults: request.taskId.flatMap((taskId) => {
        const task = engine.task(taskId);
        return task ? [{ taskId, resultIds: task.expectedOutputIds }] : [];
      }),
    })),
    CountTasksByStatus: unary((request) => {
      // A group-by: only statuses that are present appear (reference §11.9). Absent filters
      // count every task.
      const filters = compileFilters(request.filters, TASK_SCHEMA);
      const counts = new Map<TaskStatus, number>();
      for (const task of ctx.lister.matches(source, filters)) counts.set(task.status, (counts.get(task.status) ?? 0) + 1);
      const present = TASK_STATUSES.filter((s) => counts.has(s));
      return { status: present.map((s) => ({ status: taskStatusToWire(s), count: counts.get(s)! })) };
    }),
    SubmitTasks: unary((request) => {
      if (request.taskCreations.length === 0) throw invalidArgument(`'SubmitTasksRequest.TaskCreations' must not be empty.`);
      const creations: TaskCreationInput[] = request.taskCreations.map((c) => ({
        expectedOutputIds: c.expectedOutputKeys,
        dataDependencies: c.dataDependencies,
        payloadId: c.payloadId,
        options: taskOptionsOverridesFromWire(c.taskOptions),
      }));
      const tasks = mutate(ctx, () => engine.submitTasks(request.sessionId, taskOptionsOverridesFromWire(request.taskOptions), creations));
      return {
        taskInfos: tasks.map((t) => ({
          taskId: t.id,
          expectedOutputIds: t.expectedOutputIds,
          dataDependencies: t.dataDependencies,
          payloadId: t.payloadId,
        })),
      };
    }),
  };
}
