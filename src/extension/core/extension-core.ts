// The heavy half of the extension: the gRPC client, the trace engine and the YAML parser.
// esbuild emits it as its own bundle (dist/extension-core.js) and the extension loads it on
// first use, so that activation only compiles the light half (see esbuild.config.mjs).

export { createClient } from '../../armonik/client';
export { startTrace } from '../../trace';
export { parseCliConfig, parseDeploymentOutput } from '../connection/deployment-output';
