// Drag and drop of a list's items: the procedures in « Personnaliser l'ordre » and the form builder's
// fields (docs/interface.md §A). The « Monter » / « Descendre » buttons (plain forms) remain the
// keyboard and no-JavaScript way; this only adds the mouse. The new order is saved at once (POST JSON
// with the page's CSRF token). With a `version` value (the builder's draft), the order is sent with it:
// a colleague's edit in between is reported, not overwritten, and the page's `lockVersion` inputs get
// the new version so that the next action is not taken for a stale one.
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement> {
  static targets = ['list', 'item', 'status'];
  static values = { url: String, version: Number };
  declare readonly listTarget: HTMLElement;
  declare readonly itemTargets: HTMLElement[];
  declare readonly statusTarget: HTMLElement;
  declare urlValue: string;
  declare versionValue: number;
  declare readonly hasVersionValue: boolean;
  private dragged: HTMLElement | null = null;

  connect(): void {
    this.listTarget.addEventListener('dragstart', this.onStart);
    this.listTarget.addEventListener('dragover', this.onOver);
    this.listTarget.addEventListener('drop', this.onDrop);
    this.listTarget.addEventListener('dragend', this.onEnd);
  }

  disconnect(): void {
    this.listTarget.removeEventListener('dragstart', this.onStart);
    this.listTarget.removeEventListener('dragover', this.onOver);
    this.listTarget.removeEventListener('drop', this.onDrop);
    this.listTarget.removeEventListener('dragend', this.onEnd);
  }

  /** The list's own item under the event (not an item of a nested list, e.g. a repetition block's). */
  private itemOf(e: Event): HTMLElement | null {
    const t = e.target as HTMLElement | null;
    const item = t?.closest<HTMLElement>(`[data-${this.identifier}-target~="item"]`) ?? null;
    return item && item.parentElement === this.listTarget ? item : null;
  }

  private onStart = (e: DragEvent): void => {
    this.dragged = this.itemOf(e);
    if (this.dragged && e.dataTransfer) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', this.dragged.dataset.id ?? '');
      this.dragged.style.opacity = '0.5';
    }
  };

  private onOver = (e: DragEvent): void => {
    const over = this.itemOf(e);
    if (!this.dragged || !over || over === this.dragged) return;
    e.preventDefault();
    const rect = over.getBoundingClientRect();
    const after = e.clientY > rect.top + rect.height / 2;
    this.listTarget.insertBefore(this.dragged, after ? over.nextSibling : over);
  };

  private onDrop = (e: DragEvent): void => {
    e.preventDefault();
    void this.save();
  };

  private onEnd = (): void => {
    if (this.dragged) this.dragged.style.opacity = '';
    this.dragged = null;
  };

  private async save(): Promise<void> {
    const order = this.itemTargets.filter((i) => i.parentElement === this.listTarget).map((i) => i.dataset.id);
    this.refreshButtons();
    const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
    try {
      const res = await fetch(this.urlValue, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, accept: 'application/json' },
        body: JSON.stringify(this.hasVersionValue ? { order, lockVersion: this.versionValue } : { order }),
        credentials: 'same-origin',
      });
      const body = (await res.json().catch(() => ({}))) as { message?: string; lockVersion?: number };
      if (res.ok && this.hasVersionValue && typeof body.lockVersion === 'number') {
        this.versionValue = body.lockVersion;
        for (const input of this.element.querySelectorAll<HTMLInputElement>('input[name="lockVersion"]'))
          input.value = String(body.lockVersion);
      }
      this.report(body.message ?? (res.ok ? 'Ordre enregistré.' : "L'ordre n'a pas pu être enregistré."), res.ok);
    } catch {
      this.report("L'ordre n'a pas pu être enregistré. Utilisez les boutons « Monter » et « Descendre ».", false);
    }
  }

  /** Success is announced to screen readers only; a failure is also shown, as an error. */
  private report(message: string, ok: boolean): void {
    this.statusTarget.textContent = message;
    this.statusTarget.classList.toggle('fr-sr-only', ok);
    this.statusTarget.classList.toggle('fr-error-text', !ok);
  }

  /** First item cannot go up, last cannot go down (an item's first two buttons: « Monter », « Descendre »). */
  private refreshButtons(): void {
    const items = this.itemTargets.filter((i) => i.parentElement === this.listTarget);
    items.forEach((item, i) => {
      const [up, down] = item.querySelectorAll<HTMLButtonElement>('button[type="submit"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === items.length - 1;
    });
  }
}
