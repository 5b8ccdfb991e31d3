// The worker error of the `demo` and `failing` scenarios: one C# curve fit that does not converge.
// Tests, docs and the scenarios' target descriptions point at its frames (Worker/CurveFitter.cs:88,
// Worker/ComputeService.cs:42), so both scenarios throw exactly this one.

import type { Outcome } from '../../engine/behaviour';

/** The outcome of the failing fit task, its frames in the worker assembly of `application`
 * (e.g. `Acme.Risk`). */
export function curveFitDidNotConverge(application: string): Extract<Outcome, { kind: 'error' }> {
  return {
    kind: 'error',
    language: 'csharp',
    exception: 'System.ArithmeticException',
    message: 'Curve fit did not converge after 200 iterations (residual 3.7e-2 > 1e-6) for tenor 7Y',
    frames: [
      { function: `${application}.Worker.CurveFitter.Fit(CurveInput input, Int32 maxIterations)`, file: 'Worker/CurveFitter.cs', line: 88 },
      { function: `${application}.Worker.ComputeService.Evaluate(TaskInput input)`, file: 'Worker/ComputeService.cs', line: 42 },
      { function: `${application}.Worker.ComputeService.ProcessAsync(ITaskHandler taskHandler)`, file: 'Worker/ComputeService.cs', line: 17 },
    ],
  };
}
