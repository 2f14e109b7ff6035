// « Prévisualiser l'attestation » on the decision form: opens the preview (a GET of the PDF with the
// motivation being typed) in a new tab. Without JavaScript the button submits the form to the same
// GET route (formmethod="get", formtarget="_blank").
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLButtonElement> {
  open(event: Event): void {
    const button = this.element;
    const form = button.form;
    if (!form) return;
    event.preventDefault();
    const field = form.elements.namedItem('motivation') as HTMLTextAreaElement | null;
    const url = new URL(button.formAction, window.location.href);
    url.searchParams.set('motivation', field?.value ?? '');
    window.open(url.toString(), '_blank', 'noopener');
  }
}
