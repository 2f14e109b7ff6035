// Drag and drop of the procedures in « Personnaliser l'ordre ». The « Monter » / « Descendre »
// buttons (plain forms) remain the keyboard and no-JavaScript way; this only adds the mouse.
// The new order is saved at once (POST JSON with the page's CSRF token).
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement> {
  static targets = ['list', 'item', 'status'];
  static values = { url: String };
  declare readonly listTarget: HTMLElement;
  declare readonly itemTargets: HTMLElement[];
  declare readonly statusTarget: HTMLElement;
  declare urlValue: string;
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

  private itemOf(e: Event): HTMLElement | null {
    const t = e.target as HTMLElement | null;
    return t?.closest<HTMLElement>('[data-sortable-target="item"]') ?? null;
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
    over.parentElement?.insertBefore(this.dragged, after ? over.nextSibling : over);
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
    const order = this.itemTargets.map((i) => i.dataset.id);
    this.refreshButtons();
    const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
    try {
      const res = await fetch(this.urlValue, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, accept: 'application/json' },
        body: JSON.stringify({ order }),
        credentials: 'same-origin',
      });
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      this.statusTarget.textContent = res.ok
        ? (body.message ?? 'Ordre enregistré.')
        : (body.message ?? "L'ordre n'a pas pu être enregistré.");
    } catch {
      this.statusTarget.textContent =
        "L'ordre n'a pas pu être enregistré. Utilisez les boutons « Monter » et « Descendre ».";
    }
  }

  /** First item cannot go up, last cannot go down. */
  private refreshButtons(): void {
    const items = this.itemTargets;
    items.forEach((item, i) => {
      const [up, down] = item.querySelectorAll<HTMLButtonElement>('button[type="submit"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === items.length - 1;
    });
  }
}
