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
// (also the form builder's fields, with the draft's version)
application.register('sortable', SortableController);

// Dossier page
import AutosaveController from './controllers/autosave-controller.ts';
application.register('autosave', AutosaveController);
import AttestationPreviewController from './controllers/attestation-preview-controller.ts';
application.register('attestation-preview', AttestationPreviewController);

// Instruction en masse
import BulkProgressController from './controllers/bulk-progress-controller.ts';
application.register('bulk-progress', BulkProgressController);
// Accompagnement des usagers
import CopyController from './controllers/copy-controller.ts';
application.register('copy', CopyController);
import WaitForFileController from './controllers/wait-for-file-controller.ts';
application.register('wait-for-file', WaitForFileController);
// Exports (« Mes téléchargements »)
import RefreshController from './controllers/refresh-controller.ts';
application.register('refresh', RefreshController);
// Usager's brouillon
import BrouillonController from './controllers/brouillon-controller.ts';
application.register('brouillon', BrouillonController);
// Territorial field inputs: search as you type
import ReferentialSearchController from './controllers/referential-search-controller.ts';
application.register('referential-search', ReferentialSearchController);
// Conditional fields shown and hidden as one types (usager's form, its preview)
import ConditionsController from './controllers/conditions-controller.ts';
application.register('conditions', ConditionsController);
// File uploads with their progress (usager's form)
import UploadController from './controllers/upload-controller.ts';
application.register('upload', UploadController);
