// Adapts a plain function (request → response, throwing on failure) to grpc-js' callback style,
// so that every service answers errors the same way and a thrown bug never leaves a call hanging.

import type { handleUnaryCall, sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { toServiceError } from './rpc-error';

export function unary<Req, Res>(handle: (request: Req, call: ServerUnaryCall<Req, Res>) => Res | Promise<Res>): handleUnaryCall<Req, Res> {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    let result: Res | Promise<Res>;
    try {
      result = handle(call.request, call);
    } catch (error) {
      callback(toServiceError(error), null);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value) => callback(null, value),
        (error: unknown) => callback(toServiceError(error), null),
      );
    } else {
      callback(null, result);
    }
  };
}
