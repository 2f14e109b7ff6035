// Selection of dossiers in the list: the header box checks the page; « Sélectionner les N dossiers
// de l'onglet » selects every dossier of the current tab with its filters (tout=1), not only the page.
// Without JavaScript the same link reloads the page with everything selected (?selection=tout).
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement> {
  static targets = ['box', 'pageBox', 'status', 'all', 'count'];
  declare readonly countTargets: HTMLElement[];
  static values = { total: Number };
  declare readonly boxTargets: HTMLInputElement[];
  declare readonly pageBoxTarget: HTMLInputElement;
  declare readonly hasPageBoxTarget: boolean;
  declare readonly statusTarget: HTMLElement;
  declare readonly allTarget: HTMLInputElement;
  declare readonly hasAllTarget: boolean;
  declare totalValue: number;

  togglePage(): void {
    const on = this.pageBoxTarget.checked;
    for (const b of this.boxTargets) if (!b.disabled) b.checked = on;
    if (!on && this.hasAllTarget) this.allTarget.value = '0';
    this.render();
  }

  update(): void {
    if (this.hasAllTarget) this.allTarget.value = '0';
    if (this.hasPageBoxTarget) this.pageBoxTarget.checked = this.boxTargets.every((b) => b.checked || b.disabled);
    this.render();
  }

  selectEverything(event: Event): void {
    event.preventDefault();
    for (const b of this.boxTargets) if (!b.disabled) b.checked = true;
    if (this.hasPageBoxTarget) this.pageBoxTarget.checked = true;
    if (this.hasAllTarget) this.allTarget.value = '1';
    this.render();
  }

  connect(): void {
    this.render();
  }

  /** The bulk actions offered: those that fit at least one checked row (all of them for the whole tab). */
  private offer(all: boolean): void {
    const checked = this.boxTargets.filter((b) => b.checked);
    const fits = new Set(checked.flatMap((b) => (b.closest('tr')?.dataset.bulkActions ?? '').split(' ')));
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('[data-bulk-action]'))
      button.disabled = !all && !fits.has(button.dataset.bulkAction ?? '');
  }

  private render(): void {
    const fr = new Intl.NumberFormat('fr-FR');
    const all = this.hasAllTarget && this.allTarget.value === '1';
    this.offer(all);
    if (all) {
      this.statusTarget.textContent =
        this.totalValue === 1
          ? "Le dossier de l'onglet est sélectionné."
          : `Les ${fr.format(this.totalValue)} dossiers de l'onglet sont sélectionnés.`;
      for (const c of this.countTargets) c.textContent = `${fr.format(this.totalValue)} dossiers`;
      return;
    }
    const n = this.boxTargets.filter((b) => b.checked).length;
    for (const c of this.countTargets) c.textContent = `${fr.format(n)} dossier${n > 1 ? 's' : ''}`;
    this.statusTarget.textContent =
      n === 0
        ? 'Aucun dossier sélectionné.'
        : `${fr.format(n)} dossier${n > 1 ? 's' : ''} sélectionné${n > 1 ? 's' : ''} sur cette page.`;
  }
}
