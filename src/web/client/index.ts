// The small client bundle: Turbo for navigation, Stimulus controllers for enhancements.
// Every page works without it.
import '@hotwired/turbo';
import { Application } from '@hotwired/stimulus';

const application = Application.start();
(window as any).Stimulus = application;

// Work list
import AutosubmitController from './controllers/autosubmit-controller.ts';
import SelectionController from './controllers/selection-controller.ts';
import SortableController from './controllers/sortable-controller.ts';
application.register('autosubmit', AutosubmitController);
application.register('selection', SelectionController);
application.register('sortable', SortableController);

// Dossier page
import AutosaveController from './controllers/autosave-controller.ts';
application.register('autosave', AutosaveController);
import AttestationPreviewController from './controllers/attestation-preview-controller.ts';
application.register('attestation-preview', AttestationPreviewController);

// Usager's brouillon
import BrouillonController from './controllers/brouillon-controller.ts';
application.register('brouillon', BrouillonController);
