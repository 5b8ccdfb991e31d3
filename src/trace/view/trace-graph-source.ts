// The read side of a trace that the view needs. A LiveTrace satisfies it; tests and the
// browser harness pass synthetic cones.

import type { LiveTrace } from '../types';

export type TraceGraphSource = Pick<LiveTrace, 'resultId' | 'nodes' | 'node' | 'edges' | 'outEdges' | 'inEdges' | 'diagnosis'>;
