// The part of a cone that can still change: tasks in a non-final status and results that are not
// produced yet. Completed tasks and results never change again (except a result's data being
// deleted, which `refresh()` catches), so only the frontier needs watching.

import { isFinalTaskStatus } from '../../armonik/model';
import type { ConeView } from '../cone-view';

export interface Frontier {
  tasks: Set<string>;
  results: Set<string>;
}

export function frontierOf(view: Pick<ConeView, 'nodes'>): Frontier {
  const tasks = new Set<string>();
  const results = new Set<string>();
  for (const node of view.nodes()) {
    if (node.kind === 'task') {
      if (!isFinalTaskStatus(node.status)) tasks.add(node.id);
    } else if (!node.missing && (node.status === 'CREATED' || node.status === 'UNSPECIFIED')) {
      results.add(node.id);
    }
  }
  return { tasks, results };
}

export function frontierSize(frontier: Frontier): number {
  return frontier.tasks.size + frontier.results.size;
}
