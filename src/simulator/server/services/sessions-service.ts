// `armonik.api.grpc.v1.sessions.Sessions` (reference §4, §11.8). Lifecycle rules and their error
// codes live in the engine; this layer validates requests and converts shapes.

import { status } from '@grpc/grpc-js';
import { taskOptionsFromWire } from '../../../armonik/wire/task-options-codec';
import type { SessionsHandlers, WireTaskOptions } from '../../../armonik/wire/types';
import { SESSION_SCHEMA } from '../filters/session-fields';
import { sessionSource } from '../listing/engine-sources';
import { runList } from '../listing/run-list';
import { invalidArgument, RpcError } from '../rpc-error';
import { mutate, type ServiceContext } from '../service-context';
import { unary } from '../unary-handler';
import { sessionToWire } from '../wire/session-wire';

/** CreateSessionRequestValidator (reference §10): default options are required and complete. */
function validateDefaultOptions(options: WireTaskOptions | null): void {
  if (options == null) throw invalidArgument(`'CreateSessionRequest.DefaultTaskOption' must not be empty.`);
  const problems: string[] = [];
  if (!(options.maxRetries >= 1)) problems.push(`'DefaultTaskOption.MaxRetries' must be greater than or equal to '1'.`);
  if (!(options.priority >= 1 && options.priority <= 99)) {
    problems.push(`'DefaultTaskOption.Priority' must be between 1 and 99. You entered ${options.priority}.`);
  }
  if (options.maxDuration == null) problems.push(`'DefaultTaskOption.MaxDuration' must not be empty.`);
  if (problems.length > 0) throw invalidArgument(problems.join('\n'));
}

export function sessionsService(ctx: ServiceContext): SessionsHandlers {
  const { engine } = ctx;
  const getSession = (sessionId: string) => {
    const session = engine.session(sessionId);
    if (!session) throw new RpcError(status.NOT_FOUND, `Session ${sessionId} not found`);
    return session;
  };
  return {
    ListSessions: unary((request) => {
      const page = runList(ctx.lister, 'ListSessionsRequest', request, SESSION_SCHEMA, sessionSource(engine));
      return { sessions: page.rows.map(sessionToWire), page: request.page, pageSize: request.pageSize, total: page.total };
    }),
    GetSession: unary((request) => ({ session: sessionToWire(getSession(request.sessionId)) })),
    CreateSession: unary((request) => {
      validateDefaultOptions(request.defaultTaskOption);
      const options = taskOptionsFromWire(request.defaultTaskOption)!;
      const session = mutate(ctx, () => engine.createSession(options, request.partitionIds));
      return { sessionId: session.sessionId };
    }),
    CancelSession: unary((request) => ({ session: sessionToWire(mutate(ctx, () => engine.cancelSession(request.sessionId))) })),
    PauseSession: unary((request) => ({ session: sessionToWire(mutate(ctx, () => engine.pauseSession(request.sessionId))) })),
    ResumeSession: unary((request) => ({ session: sessionToWire(mutate(ctx, () => engine.resumeSession(request.sessionId))) })),
    CloseSession: unary((request) => ({ session: sessionToWire(mutate(ctx, () => engine.closeSession(request.sessionId))) })),
    PurgeSession: unary((request) => ({ session: sessionToWire(mutate(ctx, () => engine.purgeSession(request.sessionId))) })),
    DeleteSession: unary((request) => ({ session: sessionToWire(mutate(ctx, () => engine.deleteSession(request.sessionId))) })),
    StopSubmission: unary((request) => ({
      session: sessionToWire(mutate(ctx, () => engine.stopSubmission(request.sessionId, request.client, request.worker))),
    })),
  };
}
