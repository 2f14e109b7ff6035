import { staticModule } from './shared.ts';

/** Section title (options.level 1..3): structure only, never filled. */
export const headerSection = staticModule('header_section', 'Titre de section');
