// Forms saved as they are edited. The annotations privées, field by field: when a field changes
// (`save`), the form is posted in the background with `_only=<stable id>` and the answer (« Enregistré »
// or the French error) is shown next to the field. The builder's field editor, as the administrator
// types (`schedule`: after a pause, one save at a time); when the answer carries the draft's new
// `lockVersion`, the form's hidden `lockVersion` follows it, so that the next save — or the button —
// is not taken for a colleague's stale page, while a colleague's change in between is answered with
// the conflict message. Without JavaScript the form's button saves everything.
import { Controller } from '@hotwired/stimulus';

const DELAY_MS = 800;

export default class extends Controller<HTMLFormElement> {
  static values = { url: String };
  declare urlValue: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | null = null;
  /** fields changed while a save ran: each saved after it, in turn (a field once) */
  private queued = new Set<HTMLElement>();

  async save(event: Event): Promise<void> {
    await this.saveIn(event.currentTarget as HTMLElement);
  }

  /** A save after a pause in typing (the wrapper is read now: currentTarget is gone later). */
  schedule(event: Event): void {
    const wrapper = event.currentTarget as HTMLElement;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveIn(wrapper), DELAY_MS);
  }

  /** The button saves everything: the pending save is dropped, a running one is waited for (its new
   *  version goes with the form). */
  async submit(event: SubmitEvent): Promise<void> {
    clearTimeout(this.timer);
    if (!this.saving) return;
    event.preventDefault();
    const submitter = event.submitter;
    await this.saving;
    this.element.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
  }

  disconnect(): void {
    clearTimeout(this.timer);
  }

  private async saveIn(wrapper: HTMLElement): Promise<void> {
    if (this.saving) {
      this.queued.add(wrapper);
      return;
    }
    this.saving = this.post(wrapper);
    await this.saving;
    this.saving = null;
    const next = this.queued.values().next();
    if (!next.done) {
      this.queued.delete(next.value);
      await this.saveIn(next.value);
    }
  }

  private async post(wrapper: HTMLElement): Promise<void> {
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
        lockVersion?: number;
      } | null;
      if (res.ok && json?.ok) {
        const lock = this.element.querySelector<HTMLInputElement>('input[name="lockVersion"]');
        if (lock && typeof json.lockVersion === 'number') lock.value = String(json.lockVersion);
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
        status.textContent = `Non enregistré : la connexion a échoué. Utilisez le bouton « ${wrapper.dataset.autosaveButton ?? 'Enregistrer les annotations'} ».`;
        status.classList.add('fr-error-text');
      }
    }
  }
}
