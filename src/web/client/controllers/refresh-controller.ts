import { Controller } from '@hotwired/stimulus';

/** Reloads the page after `interval` ms (« Mes téléchargements » while an export is in preparation). */
export default class extends Controller {
  static values = { interval: { type: Number, default: 3000 } };
  declare intervalValue: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  connect() {
    this.timer = setTimeout(() => {
      const turbo = (window as any).Turbo;
      if (turbo) turbo.visit(window.location.href, { action: 'replace' });
      else window.location.reload();
    }, this.intervalValue);
  }

  disconnect() {
    clearTimeout(this.timer);
  }
}
