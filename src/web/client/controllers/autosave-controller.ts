// Annotations privées saved field by field: when a field changes, the form is posted in the
// background with `_only=<stable id>` and the answer (« Enregistré » or the French error) is shown
// next to the field. Without JavaScript the form's button saves everything.
import { Controller } from '@hotwired/stimulus';

export default class extends Controller<HTMLFormElement> {
  static values = { url: String };
  declare urlValue: string;

  async save(event: Event): Promise<void> {
    const wrapper = event.currentTarget as HTMLElement;
    const field = wrapper.dataset.autosaveField;
    if (!field) return;
    const status = wrapper.querySelector<HTMLElement>('[data-autosave-status]');
    const body = new FormData(this.element);
    body.set('_only', field);
    if (status) status.textContent = 'Enregistrement…';
    try {
      const res = await fetch(this.urlValue || this.element.action, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const json = (await res.json().catch(() => null)) as {
        ok?: boolean;
        message?: string;
        errors?: Record<string, string>;
      } | null;
      if (res.ok && json?.ok) {
        const time = new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
        if (status) {
          status.textContent = json.message === 'Aucune modification.' ? '' : `Enregistré à ${time}.`;
          status.classList.remove('fr-error-text');
        }
        for (const el of wrapper.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
      } else if (status) {
        status.textContent = `Non enregistré : ${json?.errors?.[field] ?? json?.message ?? 'erreur inattendue, réessayez.'}`;
        status.classList.add('fr-error-text');
      }
    } catch {
      if (status) {
        status.textContent =
          'Non enregistré : la connexion a échoué. Utilisez le bouton « Enregistrer les annotations ».';
        status.classList.add('fr-error-text');
      }
    }
  }
}
