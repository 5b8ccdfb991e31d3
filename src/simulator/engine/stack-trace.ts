// Renders a simulated worker failure the way a real worker's error output reads: the worker SDKs
// put the exception's text, stack trace included, into the task output. The trace tool parses
// these frames to link errors to files in the user's workspace, so each language follows its
// runtime's real layout.

import type { ErrorLanguage, StackFrame } from './behaviour';

/** Frames used when a behaviour gives none: plausible user code of a pricing worker. */
const DEFAULT_FRAMES: Record<ErrorLanguage, StackFrame[]> = {
  csharp: [
    { function: 'Acme.Pricing.Worker.ComputeService.Evaluate(TaskInput input)', file: '/src/Worker/ComputeService.cs', line: 42 },
    { function: 'Acme.Pricing.Worker.ComputeService.ProcessAsync(ITaskHandler taskHandler)', file: '/src/Worker/ComputeService.cs', line: 17 },
  ],
  python: [
    { function: 'evaluate', file: '/app/worker/compute.py', line: 42, code: 'return model.price(inputs)' },
    { function: 'process', file: '/app/worker/compute.py', line: 17, code: 'result = evaluate(payload)' },
  ],
  java: [
    { function: 'com.acme.worker.Compute.evaluate', file: 'com/acme/worker/Compute.java', line: 42 },
    { function: 'com.acme.worker.Compute.process', file: 'com/acme/worker/Compute.java', line: 17 },
  ],
};

const DEFAULT_EXCEPTION: Record<ErrorLanguage, string> = {
  csharp: 'System.InvalidOperationException',
  python: 'RuntimeError',
  java: 'java.lang.IllegalStateException',
};

/** SDK frames below the user's code, so the trace looks like it came from a real worker. */
const SDK_FRAMES: Record<ErrorLanguage, string[]> = {
  csharp: [
    '   at ArmoniK.Worker.Sdk.TaskHandlerRunner.RunAsync(ProcessRequest request, CancellationToken token)',
    '   at ArmoniK.Worker.Sdk.WorkerService.Process(ProcessRequest request, ServerCallContext context)',
  ],
  python: [],
  java: ['\tat fr.aneo.armonik.worker.sdk.TaskRunner.run(TaskRunner.java:88)', '\tat fr.aneo.armonik.worker.sdk.WorkerGrpc.process(WorkerGrpc.java:131)'],
};

export function renderWorkerError(
  language: ErrorLanguage,
  message: string,
  exception?: string,
  frames?: readonly StackFrame[],
): string {
  const type = exception ?? DEFAULT_EXCEPTION[language];
  const stack = frames && frames.length > 0 ? frames : DEFAULT_FRAMES[language];
  switch (language) {
    case 'csharp':
      return [`${type}: ${message}`, ...stack.map((f) => `   at ${f.function} in ${f.file}:line ${f.line}`), ...SDK_FRAMES.csharp].join('\n');
    case 'java':
      return [`${type}: ${message}`, ...stack.map((f) => `\tat ${f.function}(${baseName(f.file)}:${f.line})`), ...SDK_FRAMES.java].join('\n');
    case 'python': {
      // Python prints the outermost call first; frames are given innermost first.
      const lines = ['Traceback (most recent call last):'];
      for (const f of [...stack].reverse()) {
        lines.push(`  File "${f.file}", line ${f.line}, in ${f.function}`);
        if (f.code) lines.push(`    ${f.code}`);
      }
      lines.push(`${type}: ${message}`);
      return lines.join('\n');
    }
  }
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Core's output text when the worker call exceeded max_duration (the gRPC deadline). */
export const TIMEOUT_MESSAGE = 'Status(StatusCode="DeadlineExceeded", Detail="Deadline Exceeded")';

/** A typical infrastructure failure: the agent lost the worker's socket. */
export const INFRA_FAILURE_MESSAGE =
  'Grpc.Core.RpcException: Status(StatusCode="Unavailable", Detail="Error connecting to subchannel.", DebugException="System.Net.Sockets.SocketException (111): Connection refused")';

export function crashedPodMessage(podName: string): string {
  return `Task was being processed by pod ${podName}, which stopped responding; the message was redelivered to another agent`;
}
