// Entry for decision workers when the server runs from TypeScript source (tsx, tests): worker threads do not
// inherit tsx's loader on Node 20, so the worker loads its TypeScript module through tsx's API.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./decide-worker.ts', import.meta.url);
export default worker.default;
