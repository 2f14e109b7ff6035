// The banner of a running bulk action (docs/interface.md §4): its turbo-frame is reloaded every few
// seconds until the server answers with no running action. Without JavaScript a reload shows the same.
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement & { reload?: () => void; src?: string | null }> {
  static values = { url: String };
  declare urlValue: string;
  private timer: ReturnType<typeof setInterval> | undefined;
  private reloaded = false;

  connect(): void {
    this.timer = setInterval(() => this.tick(), 3000);
  }

  disconnect(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private tick(): void {
    if (!this.element.querySelector('[data-bulk-running]')) {
      if (this.timer) clearInterval(this.timer);
      // finished: the list below changed too
      if (this.reloaded) (window as any).Turbo?.visit(window.location.href, { action: 'replace' });
      return;
    }
    this.reloaded = true;
    if (this.element.src === this.urlValue) this.element.reload?.();
    else this.element.src = this.urlValue;
  }
}
