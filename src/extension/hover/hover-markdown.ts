// The markdown of an ID hover: what the ID is, its live status, where and when it ran, the first
// lines of its error, and command links. Pure (no vscode): the hover provider wraps it in a
// trusted MarkdownString whose enabled commands are exactly `commands`.

import type { ResolvedId } from './id-resolver';

export interface HoverContent {
  markdown: string;
  /** Commands linked from the markdown, for `MarkdownString.isTrusted.enabledCommands`. */
  commands: string[];
}

export interface HoverContext {
  /** Node IDs present in an open trace graph (to offer "Show in Graph"). */
  inGraph(id: string): boolean;
  endpoint: string;
  now?: Date;
}

const MAX_ERROR_LINES = 4;
const MAX_ERROR_CHARS = 600;

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest > 0 ? ' ' : ''}${text}${longest > 0 ? ' ' : ''}${fence}`;
}

function codeBlock(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function time(date: Date | undefined): string {
  if (!date) return '—';
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function errorExcerpt(error: string): string {
  const lines = error.split('\n').filter((l) => l.trim().length > 0);
  let text = lines.slice(0, MAX_ERROR_LINES).join('\n');
  if (text.length > MAX_ERROR_CHARS) text = `${text.slice(0, MAX_ERROR_CHARS - 1)}…`;
  else if (lines.length > MAX_ERROR_LINES) text += '\n…';
  return text;
}

class Links {
  readonly commands = new Set<string>();
  readonly parts: string[] = [];

  add(title: string, command: string, args: unknown[], tooltip: string): void {
    this.commands.add(command);
    const uri = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
    this.parts.push(`[${title}](${uri} "${tooltip.replace(/"/g, "'")}")`);
  }

  toString(): string {
    return this.parts.join(' · ');
  }
}

export function hoverMarkdown(resolved: ResolvedId, context: HoverContext): HoverContent {
  const links = new Links();
  const lines: string[] = [];
  switch (resolved.kind) {
    case 'task': {
      const t = resolved.task;
      lines.push(`**ArmoniK task** ${code(t.id)} — **${t.status}**`);
      const where = [`session ${code(t.sessionId)}`];
      if (t.options?.partitionId) where.push(`partition ${code(t.options.partitionId)}`);
      if (t.podHostname) where.push(`pod ${code(t.podHostname)}`);
      lines.push(where.join(' · '));
      const when = [`created ${time(t.createdAt)}`];
      if (t.startedAt && t.endedAt) when.push(`ran ${duration(t.endedAt.getTime() - t.startedAt.getTime())}`);
      if (t.endedAt) when.push(`ended ${time(t.endedAt)}`);
      if (t.retryOfIds.length > 0) when.push(`attempt ${t.retryOfIds.length + 1}`);
      lines.push(when.join(' · '));
      if (t.output?.error) lines.push(codeBlock(errorExcerpt(t.output.error)));
      links.add('$(file-text) Show Details', 'armonik.showTaskDetails', [t.id], 'Open the task details');
      if (t.output?.error) links.add('$(error) Show Error', 'armonik.showTaskError', [t.id], 'Open the full error');
      if (t.expectedOutputIds.length > 0) {
        links.add('$(type-hierarchy) Trace Output', 'armonik.traceResult', [t.expectedOutputIds[0]], 'Trace what this task must produce');
      }
      if (context.inGraph(t.id)) links.add('$(graph) Show in Graph', 'armonik.showInGraph', [t.id], 'Focus this task in the trace graph');
      break;
    }
    case 'result': {
      const r = resolved.result;
      lines.push(`**ArmoniK result** ${code(r.resultId)} — **${r.status}**`);
      const about = [`session ${code(r.sessionId)}`];
      if (r.name && r.name !== r.resultId) about.push(`name ${code(r.name)}`);
      about.push(r.ownerTaskId ? `owner task ${code(r.ownerTaskId)}` : 'no owner task');
      lines.push(about.join(' · '));
      lines.push(`created ${time(r.createdAt)}${r.completedAt ? ` · completed ${time(r.completedAt)}` : ''}${r.size ? ` · ${r.size.toLocaleString('en-US')} bytes` : ''}`);
      links.add('$(type-hierarchy) Trace', 'armonik.traceResult', [r.resultId], 'Trace what this result depends on and what blocks it');
      if (r.ownerTaskId && r.ownerTaskId !== r.sessionId) {
        links.add('$(file-text) Show Owner Task', 'armonik.showTaskDetails', [r.ownerTaskId], 'Open the details of the task that must produce it');
      }
      if (context.inGraph(r.resultId)) links.add('$(graph) Show in Graph', 'armonik.showInGraph', [r.resultId], 'Focus this result in the trace graph');
      break;
    }
    case 'session': {
      const s = resolved.session;
      lines.push(`**ArmoniK session** ${code(s.sessionId)} — **${s.status}**`);
      lines.push(`created ${time(s.createdAt)}${s.partitionIds.length > 0 ? ` · partitions ${s.partitionIds.map(code).join(', ')}` : ''}`);
      links.add('$(list-tree) Reveal', 'armonik.findById', [s.sessionId], 'Reveal the session in the ArmoniK view');
      break;
    }
    case 'unknown':
      lines.push(`${code(resolved.id)} is not a task, result or session known to ${escapeMd(context.endpoint)}.`);
      break;
  }
  // Actions right under the title: a long error below must not push them out of view.
  if (links.parts.length > 0) lines.splice(1, 0, links.toString());
  return { markdown: lines.join('\n\n'), commands: [...links.commands] };
}

/** Hover text while the lookup is still running after the hover timeout. */
export function lookingUpMarkdown(id: string): string {
  return `${code(id)}: looking it up on ArmoniK… (hover again in a moment)`;
}

/** Hover text when the control plane could not be asked. */
export function lookupFailedMarkdown(id: string, message: string): string {
  return `${code(id)}: cannot look it up on ArmoniK — ${escapeMd(message)}`;
}
