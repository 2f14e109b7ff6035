// The small client bundle: Turbo for navigation, Stimulus controllers for enhancements.
// Every page works without it.
import '@hotwired/turbo';
import { Application } from '@hotwired/stimulus';

const application = Application.start();
(window as any).Stimulus = application;
