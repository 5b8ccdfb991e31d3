// Entry point of the graph webview bundle (dist/webview.js).
import { GraphApp } from './graph-app';
import { vscodeApi } from './vscode-api';

const root = document.getElementById('app');
if (root) new GraphApp(vscodeApi(), root);
