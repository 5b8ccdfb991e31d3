// Help texts of `armonik-trace` and its commands.

const CONNECTION = `Connection:
  --endpoint URL      control plane, e.g. http://localhost:5001 or https://host:5001
                      (default: $ARMONIK_ENDPOINT, else the control_plane_url of a local
                      deployment's generated/armonik-output.json found from the current folder
                      upwards, else http://localhost:5001, the simulator)
  --ca FILE           CA bundle (PEM) to trust for https endpoints
  --cert FILE         client certificate (PEM) for mTLS
  --key FILE          client private key (PEM) for mTLS
  --server-name NAME  name to check the server certificate against`;

export const MAIN_HELP = `armonik-trace: why is my ArmoniK result not there yet?

Usage:
  armonik-trace trace <resultId> [--watch] [--format text|json] [--session ID] [connection]
  armonik-trace task <taskId> [--format text|json] [connection]
  armonik-trace sessions [--limit N] [--format text|json] [connection]
  armonik-trace <command> --help

Commands:
  trace     what the result depends on, what blocks it now, and the error that caused it
  task      one task in full, with its complete error text
  sessions  the most recent sessions and their state

Exit codes: 0 completed, 1 in progress / blocked / failed, 2 usage or connection error.

${CONNECTION}
`;

export const TRACE_HELP = `Usage: armonik-trace trace <resultId> [options]

Reconstructs the upstream cone of one result (its owner task, that task's inputs, their owners,
... including subtasks it was delegated to and retries), then reports the verdict, the chain down
to the root causes, the blockers (what needs intervention first, then by impact) with a next
step each, the critical path and an ETA. Only the cone is read, never the whole session.

Options:
  --session ID        check that the result belongs to this session
  --watch             keep the report up to date until the result completes or fails
                      (redrawn in place on a terminal, appended when piped)
  --format text|json  text (default) or the JSON report documented in docs/trace-report.md;
                      with --watch, one JSON report per line
  --blockers N        blockers to show (default 5 in text, 50 in JSON)
  -h, --help          this help

Exit codes: 0 completed, 1 in progress / blocked / failed, 2 usage or connection error.

${CONNECTION}
`;

export const TASK_HELP = `Usage: armonik-trace task <taskId> [options]

Shows one task: status, partition, pod, timestamps and durations, inputs and outputs, retries,
and its full error text.

Options:
  --format text|json  text (default) or JSON
  -h, --help          this help

${CONNECTION}
`;

export const SESSIONS_HELP = `Usage: armonik-trace sessions [options]

Lists the most recent sessions, newest first.

Options:
  --limit N           how many (default 20)
  --format text|json  text (default) or JSON
  -h, --help          this help

${CONNECTION}
`;
