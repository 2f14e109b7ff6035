import { staticModule } from './shared.ts';

/** Static explanatory text (options.collapsible): structure only, never filled. */
export const explication = staticModule('explication', 'Explication');
