// A page waiting for a file a job produces (« L'attestation est en cours de génération »): asks the
// download address every few seconds without following it; once the answer is a redirect (the file
// exists), says so and goes there once — the download starts. Without JavaScript, the page's
// « Actualiser » link does the same by hand.
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement> {
  static values = { url: String, seconds: { type: Number, default: 3 } };
  static targets = ['status'];
  declare urlValue: string;
  declare secondsValue: number;
  declare statusTarget: HTMLElement;
  declare hasStatusTarget: boolean;
  private timer: number | undefined;

  connect(): void {
    this.schedule();
  }

  disconnect(): void {
    window.clearTimeout(this.timer);
  }

  private schedule(): void {
    this.timer = window.setTimeout(() => void this.check(), this.secondsValue * 1000);
  }

  private async check(): Promise<void> {
    try {
      const r = await fetch(this.urlValue, { redirect: 'manual', credentials: 'same-origin' });
      if (r.type === 'opaqueredirect' || (r.status >= 300 && r.status < 400)) {
        if (this.hasStatusTarget)
          this.statusTarget.textContent = "L'attestation est prête : son téléchargement commence.";
        window.location.assign(this.urlValue);
        return;
      }
      if (r.status !== 200) return; // no longer expected (a new decision): the page's links remain
    } catch {
      // offline for a moment: try again
    }
    this.schedule();
  }
}
