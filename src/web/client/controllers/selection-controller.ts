// Selection of dossiers in the list: the header box checks the page; « Sélectionner les N dossiers
// de ce filtre » selects every dossier of the current filter (tout=1), not only the page.
// Without JavaScript the same link reloads the page with everything selected (?selection=tout).
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLElement> {
  static targets = ['box', 'pageBox', 'status', 'all'];
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
    for (const b of this.boxTargets) b.checked = on;
    if (!on && this.hasAllTarget) this.allTarget.value = '0';
    this.render();
  }

  update(): void {
    if (this.hasAllTarget) this.allTarget.value = '0';
    if (this.hasPageBoxTarget) this.pageBoxTarget.checked = this.boxTargets.every((b) => b.checked);
    this.render();
  }

  selectEverything(event: Event): void {
    event.preventDefault();
    for (const b of this.boxTargets) b.checked = true;
    if (this.hasPageBoxTarget) this.pageBoxTarget.checked = true;
    if (this.hasAllTarget) this.allTarget.value = '1';
    this.render();
  }

  private render(): void {
    const fr = new Intl.NumberFormat('fr-FR');
    if (this.hasAllTarget && this.allTarget.value === '1') {
      this.statusTarget.textContent = `Les ${fr.format(this.totalValue)} dossiers correspondant au filtre sont sélectionnés.`;
      return;
    }
    const n = this.boxTargets.filter((b) => b.checked).length;
    this.statusTarget.textContent =
      n === 0
        ? 'Aucun dossier sélectionné.'
        : `${fr.format(n)} dossier${n > 1 ? 's' : ''} sélectionné${n > 1 ? 's' : ''} sur cette page.`;
  }
}
