// Exit codes of `armonik-trace`: scripts tell "done" from "not done" from "could not even ask".

export const EXIT_COMPLETED = 0;
/** In progress, blocked or failed: `--format json` says which. */
export const EXIT_NOT_COMPLETED = 1;
/** Bad usage, bad endpoint or TLS files, unreachable control plane, unknown ID. */
export const EXIT_ERROR = 2;
