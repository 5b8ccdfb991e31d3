// Reads the simulator's list of built-in scenarios (`--list-scenarios --json`) for the picker of
// "ArmoniK: Start Local Simulator". No vscode here.

export interface ScenarioInfo {
  name: string;
  description: string;
}

/**
 * Reads `--list-scenarios --json` output: a JSON array of `{name, description}`, or one such
 * object per line. Plain text lines `name  description` (or `name — description`) are accepted
 * too, so an older simulator still fills the picker.
 */
export function parseScenarioList(stdout: string): ScenarioInfo[] {
  const text = stdout.trim();
  const fromObject = (v: unknown): ScenarioInfo[] => {
    if (!v || typeof v !== 'object') return [];
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.scenarios)) return o.scenarios.flatMap(fromObject);
    return typeof o.name === 'string' ? [{ name: o.name, description: typeof o.description === 'string' ? o.description : '' }] : [];
  };
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.flatMap(fromObject) : fromObject(parsed);
  } catch {
    // not one JSON document
  }
  const out: ScenarioInfo[] = [];
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (!l) continue;
    if (l.startsWith('{')) {
      try {
        out.push(...fromObject(JSON.parse(l)));
        continue;
      } catch {
        // fall through to text
      }
    }
    const m = /^[-*•]?\s*([A-Za-z0-9][\w.-]*)\s*(?:[—:-]+\s*|\s{2,})(.*)$/.exec(l);
    if (m) out.push({ name: m[1]!, description: m[2]!.trim() });
  }
  return out;
}
