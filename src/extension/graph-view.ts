// What the extension needs from the graph panel (src/extension/graph/GraphPanelManager
// implements it). Kept as an interface so commands work, and are testable, without a panel.

import type { LiveTrace } from '../trace/types';

export interface GraphView {
  show(trace: LiveTrace, info: { endpoint: string }): void;
  focusNode(resultId: string, nodeId: string): boolean;
  readonly activeResultId: string | undefined;
}
