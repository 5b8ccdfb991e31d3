// Wire form of task options. Engine records share one frozen options object between all tasks
// submitted with the same options, so the wire form is memoised per object: listing a thousand
// tasks then converts their options once, not a thousand times.

import type { TaskOptions } from '../../../armonik/model';
import { taskOptionsToWire } from '../../../armonik/wire/task-options-codec';
import type { WireTaskOptions } from '../../../armonik/wire/types';

const memo = new WeakMap<Readonly<TaskOptions>, WireTaskOptions>();

export function optionsToWire(options: Readonly<TaskOptions>): WireTaskOptions {
  let wire = memo.get(options);
  if (!wire) {
    wire = taskOptionsToWire(options as TaskOptions);
    // Only frozen objects are safe to memoise: a mutable one could change after caching.
    if (Object.isFrozen(options)) memo.set(options, wire);
  }
  return wire;
}
