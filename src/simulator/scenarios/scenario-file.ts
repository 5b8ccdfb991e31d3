// Reads a scenario file (YAML, or JSON, which YAML 1.2 parses too) and validates it, pointing
// every problem at its line: `demo.yaml:14: sessions[0].tasks[3].inputs[0]: unknown result "agg"`.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isCollection, LineCounter, parseDocument, type Node } from 'yaml';
import type { Scenario } from './scenario-types';
import { ScenarioError, validateScenario, type Path } from './scenario-validation';

export function parseScenarioText(text: string, fileName: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      fileName,
      doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
        return `${fileName}:${line}: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 1000 });
  const locate = (path: Path): string => {
    // The deepest node that exists on the path; a missing field points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      const range = node && (isCollection(node) || 'range' in node) ? node.range : undefined;
      if (range) return `${fileName}:${lineCounter.linePos(range[0]).line}`;
    }
    return `${fileName}:1`;
  };
  return validateScenario(raw, fileName, locate);
}

export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, [`${path}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const scenario = parseScenarioText(text, basename(path));
  scenario.source = path;
  return scenario;
}
