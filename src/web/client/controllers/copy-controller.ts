// « Copier le lien »: shows its button only when the clipboard can be written, then copies the text of
// its source field (which stays selectable without JavaScript).
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement> {
  static targets = ['source', 'button'];
  declare readonly sourceTarget: HTMLInputElement;
  declare readonly buttonTarget: HTMLButtonElement;

  connect(): void {
    if (navigator.clipboard) this.buttonTarget.hidden = false;
  }

  async copy(): Promise<void> {
    await navigator.clipboard.writeText(this.sourceTarget.value);
    this.buttonTarget.textContent = 'Lien copié';
  }
}
