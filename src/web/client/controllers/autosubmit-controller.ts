// Submits its form when a control changes (page size); the submit button stays for no-JS use.
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLFormElement> {
  submit(): void {
    this.element.requestSubmit();
  }
}
