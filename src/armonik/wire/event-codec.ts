// `GetEvents` messages between the wire (`EventSubscriptionResponse`, a oneof `update`) and the
// model (`ArmoniKEvent`, a union tagged by `kind`). A message whose oneof is unset or unknown to
// our protos (a newer control plane) decodes to `undefined` and is skipped by the subscription.

import type { ArmoniKEvent } from '../model';
import {
  resultStatusFromWire,
  resultStatusToWire,
  taskStatusFromWire,
  taskStatusToWire,
} from './status-codec';
import type { WireEventSubscriptionResponse, WireEventSubscriptionResponseInput } from './types';

export function eventFromWire(wire: WireEventSubscriptionResponse): ArmoniKEvent | undefined {
  const sessionId = wire.sessionId;
  switch (wire.update) {
    case 'newTask': {
      const e = wire.newTask;
      if (!e) return undefined;
      return {
        kind: 'newTask',
        sessionId,
        taskId: e.taskId,
        payloadId: e.payloadId,
        originTaskId: e.originTaskId,
        status: taskStatusFromWire(e.status),
        expectedOutputKeys: [...e.expectedOutputKeys],
        dataDependencies: [...e.dataDependencies],
        retryOfIds: [...e.retryOfIds],
        parentTaskIds: [...e.parentTaskIds],
      };
    }
    case 'taskStatusUpdate': {
      const e = wire.taskStatusUpdate;
      if (!e) return undefined;
      return { kind: 'taskStatusUpdate', sessionId, taskId: e.taskId, status: taskStatusFromWire(e.status) };
    }
    case 'newResult': {
      const e = wire.newResult;
      if (!e) return undefined;
      return { kind: 'newResult', sessionId, resultId: e.resultId, ownerId: e.ownerId, status: resultStatusFromWire(e.status) };
    }
    case 'resultStatusUpdate': {
      const e = wire.resultStatusUpdate;
      if (!e) return undefined;
      return { kind: 'resultStatusUpdate', sessionId, resultId: e.resultId, status: resultStatusFromWire(e.status) };
    }
    case 'resultOwnerUpdate': {
      const e = wire.resultOwnerUpdate;
      if (!e) return undefined;
      return {
        kind: 'resultOwnerUpdate',
        sessionId,
        resultId: e.resultId,
        previousOwnerId: e.previousOwnerId,
        currentOwnerId: e.currentOwnerId,
      };
    }
    default:
      return undefined;
  }
}

/** Model → wire, for servers (the simulator, test servers). Sets exactly one oneof member. */
export function eventToWire(event: ArmoniKEvent): WireEventSubscriptionResponseInput {
  switch (event.kind) {
    case 'newTask':
      return {
        sessionId: event.sessionId,
        newTask: {
          taskId: event.taskId,
          payloadId: event.payloadId,
          originTaskId: event.originTaskId,
          status: taskStatusToWire(event.status),
          expectedOutputKeys: [...event.expectedOutputKeys],
          dataDependencies: [...event.dataDependencies],
          retryOfIds: [...event.retryOfIds],
          parentTaskIds: [...event.parentTaskIds],
        },
      };
    case 'taskStatusUpdate':
      return { sessionId: event.sessionId, taskStatusUpdate: { taskId: event.taskId, status: taskStatusToWire(event.status) } };
    case 'newResult':
      return {
        sessionId: event.sessionId,
        newResult: { resultId: event.resultId, ownerId: event.ownerId, status: resultStatusToWire(event.status) },
      };
    case 'resultStatusUpdate':
      return {
        sessionId: event.sessionId,
        resultStatusUpdate: { resultId: event.resultId, status: resultStatusToWire(event.status) },
      };
    case 'resultOwnerUpdate':
      return {
        sessionId: event.sessionId,
        resultOwnerUpdate: {
          resultId: event.resultId,
          previousOwnerId: event.previousOwnerId,
          currentOwnerId: event.currentOwnerId,
        },
      };
  }
}
