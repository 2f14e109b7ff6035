// Entry of the load's worker threads. A worker does not inherit the TypeScript loader that tsx
// registered in the main thread (privatenumber/tsx#354): register it here, then run the worker.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
