import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestFrameMatch, parseStackFrames, pathSuffixes } from '../../../src/shared/stack-frames';

test('parses a C# exception with frames with and without source info', () => {
  const text = [
    'System.InvalidOperationException: matrix is singular',
    '   at Acme.Worker.Solver.Invert(Matrix m) in /src/Acme.Worker/Solver.cs:line 42',
    '   at Acme.Worker.ComputeService.Process(TaskHandler h) in C:\\build\\Acme.Worker\\ComputeService.cs:line 17',
    '   at System.Threading.Tasks.Task.Run()',
  ].join('\n');
  const frames = parseStackFrames(text);
  assert.equal(frames.length, 2);
  assert.deepEqual(
    frames.map((f) => [f.language, f.path, f.line, f.symbol]),
    [
      ['csharp', '/src/Acme.Worker/Solver.cs', 42, 'Acme.Worker.Solver.Invert'],
      ['csharp', 'C:\\build\\Acme.Worker\\ComputeService.cs', 17, 'Acme.Worker.ComputeService.Process'],
    ],
  );
  assert.equal(text.slice(frames[0]!.start, frames[0]!.end), '/src/Acme.Worker/Solver.cs:line 42');
  assert.deepEqual(frames[1]!.searchSuffixes, ['build/Acme.Worker/ComputeService.cs', 'Acme.Worker/ComputeService.cs', 'ComputeService.cs']);
});

test('parses a Python traceback', () => {
  const text = 'Traceback (most recent call last):\n  File "/app/worker/compute.py", line 12, in compute\n    x = 1 / 0\nZeroDivisionError: division by zero';
  const [frame] = parseStackFrames(text);
  assert.ok(frame);
  assert.equal(frame.language, 'python');
  assert.equal(frame.path, '/app/worker/compute.py');
  assert.equal(frame.line, 12);
  assert.equal(frame.symbol, 'compute');
  assert.equal(text.slice(frame.start, frame.end), '/app/worker/compute.py", line 12');
});

test('parses Java frames and derives the package path', () => {
  const text = 'java.lang.IllegalStateException: boom\n\tat com.acme.pricing.Pricer$Leg.price(Pricer.java:88)\n\tat java.base/java.lang.Thread.run(Thread.java:833)';
  const frames = parseStackFrames(text);
  assert.equal(frames.length, 2);
  assert.equal(frames[0]!.language, 'java');
  assert.equal(frames[0]!.line, 88);
  assert.equal(frames[0]!.searchSuffixes[0], 'com/acme/pricing/Pricer.java');
  assert.equal(text.slice(frames[0]!.start, frames[0]!.end), 'Pricer.java:88');
  assert.equal(frames[1]!.searchSuffixes[0], 'java/lang/Thread.java');
});

test('parses Node frames, named and anonymous, and skips node internals', () => {
  const text = [
    'Error: bad input',
    '    at parse (/app/src/parse.js:10:5)',
    '    at /app/src/main.ts:3:14',
    '    at async run (file:///app/dist/run.mjs:7:1)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');
  const frames = parseStackFrames(text);
  assert.deepEqual(
    frames.map((f) => [f.path, f.line, f.column, f.symbol]),
    [
      ['/app/src/parse.js', 10, 5, 'parse'],
      ['/app/src/main.ts', 3, 14, undefined],
      ['/app/dist/run.mjs', 7, 1, 'run'],
    ],
  );
});

test('ignores text that only looks a bit like a frame', () => {
  assert.deepEqual(parseStackFrames('Task 1234 failed:\nat least one input was aborted\nline 12 of the file'), []);
});

test('path suffixes drop absolute roots and keep at most six segments', () => {
  assert.deepEqual(pathSuffixes('/a/b.cs'), ['a/b.cs', 'b.cs']);
  assert.equal(pathSuffixes('/1/2/3/4/5/6/7/8/x.py').length, 6);
  assert.deepEqual(pathSuffixes('x.py'), ['x.py']);
});

test('picks the workspace file sharing the longest path suffix', () => {
  const [frame] = parseStackFrames('  File "/app/worker/compute.py", line 3, in f');
  assert.ok(frame);
  assert.equal(bestFrameMatch(frame, ['tests/compute.py', 'src/worker/compute.py', 'compute.py']), 'src/worker/compute.py');
  assert.equal(bestFrameMatch(frame, ['a/compute.py', 'compute.py']), 'compute.py');
  assert.equal(bestFrameMatch(frame, ['other.py']), undefined);
});
