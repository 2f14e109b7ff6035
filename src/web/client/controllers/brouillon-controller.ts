// The brouillon saved as the usager types (docs/interface.md §7): after a pause, the form (without
// its files) is posted in the background; the answer gives the new version of the brouillon (a stale
// tab is told so instead of overwriting) and the message of each wrong field; the fields shown by the
// conditions follow the typing at once (conditions-controller.ts), not the slower answer.
// Without JavaScript, the « Enregistrer le brouillon » button does the same.
import { Controller } from '@hotwired/stimulus';

const DELAY_MS = 800;

export default class extends Controller<HTMLFormElement> {
  static targets = ['lock', 'status', 'field'];
  static values = { url: String };
  declare lockTarget: HTMLInputElement;
  declare statusTarget: HTMLElement;
  declare fieldTargets: HTMLElement[];
  declare urlValue: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving = false;
  private again = false;
  private stale = false;

  schedule(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.type === 'file') return; // files go with the form's buttons (upload-controller.ts)
    if (this.stale) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), DELAY_MS);
  }

  /** The form is submitted (a button): it saves everything, the pending autosave is not needed. */
  cancel(): void {
    clearTimeout(this.timer);
  }

  disconnect(): void {
    clearTimeout(this.timer);
  }

  private say(text: string, error = false): void {
    this.statusTarget.textContent = text;
    this.statusTarget.classList.toggle('fr-error-text', error);
  }

  async save(): Promise<void> {
    if (this.saving) {
      this.again = true;
      return;
    }
    this.saving = true;
    const body = new FormData(this.element);
    for (const [key, value] of [...body.entries()]) if (value instanceof File) body.delete(key);
    this.say('Enregistrement…');
    try {
      const res = await fetch(this.urlValue, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const json = (await res.json().catch(() => null)) as {
        ok?: boolean;
        conflict?: boolean;
        message?: string;
        lockVersion?: number;
        errors?: Record<string, string>;
      } | null;
      if (res.ok && json?.ok) {
        this.lockTarget.value = String(json.lockVersion);
        const wrong = Object.keys(json.errors ?? {}).length;
        const time = new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
        this.say(
          wrong
            ? `Brouillon enregistré à ${time}, sauf ${wrong} champ${wrong > 1 ? 's' : ''} à corriger : ${Object.values(json.errors ?? {}).join(' ; ')}`
            : `Brouillon enregistré à ${time}.`,
          wrong > 0,
        );
      } else if (json?.conflict) {
        this.stale = true;
        this.say(json.message ?? 'Ce brouillon a été modifié entre-temps : rechargez la page.', true);
      } else {
        this.say(`Brouillon non enregistré : ${json?.message ?? 'erreur inattendue, réessayez.'}`, true);
      }
    } catch {
      this.say(
        'Brouillon non enregistré : la connexion a échoué. Utilisez le bouton « Enregistrer le brouillon ».',
        true,
      );
    } finally {
      this.saving = false;
      if (this.again) {
        this.again = false;
        void this.save();
      }
    }
  }
}
