// File uploads of the usager's form (docs/interface.md §7D). A chosen file is checked at once (size,
// format: src/web/forms/upload-rules.ts) and refused next to its field before anything is sent. When
// the form is submitted with files, it is sent here instead of by Turbo so that a progress bar shows
// the bytes sent; the server's answer (the page after the redirect, or the form with its messages) is
// then shown by Turbo as for any form. Without JavaScript the form is a plain multipart submit and
// the server, which decides anyway, refuses what it must before storing.
import { Controller } from '@hotwired/stimulus';
import { fileProblem } from '../../forms/upload-rules.ts';

/** Turbo's visit with an answer already received (Turbo renders it as a form submission's answer). */
interface TurboVisit {
  visit(
    url: string,
    options: { action: 'advance'; response: { statusCode: number; responseHTML: string; redirected: boolean } },
  ): void;
}
const turbo = () => (window as unknown as { Turbo: TurboVisit }).Turbo;

export default class extends Controller<HTMLFormElement> {
  static targets = ['group', 'bar', 'status'];
  static values = { maxBytes: Number };
  declare groupTarget: HTMLElement;
  declare barTarget: HTMLProgressElement;
  declare statusTarget: HTMLElement;
  declare maxBytesValue: number;
  private sending = false;

  /** A file input changed: each chosen file is checked, a refused one is removed with its message. */
  check(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.type !== 'file') return;
    const problems = [...(input.files ?? [])].map((f) => fileProblem(f, this.maxBytesValue)).filter(Boolean);
    if (problems.length) input.value = '';
    this.showError(input, problems.join(' '));
  }

  submit(event: SubmitEvent): void {
    const inputs = [...this.element.querySelectorAll<HTMLInputElement>('input[type=file]')];
    const files = inputs.flatMap((i) => [...(i.files ?? [])]);
    if (!files.length) return; // nothing to upload: Turbo sends the form
    event.preventDefault();
    if (this.sending) return;
    for (const input of inputs) {
      const problem = [...(input.files ?? [])].map((f) => fileProblem(f, this.maxBytesValue)).find(Boolean);
      if (problem) {
        input.value = '';
        this.showError(input, problem);
        input.focus();
        return;
      }
    }
    this.send(new FormData(this.element, event.submitter));
  }

  private send(body: FormData): void {
    this.sending = true;
    const total = [...body.values()].reduce((n, v) => n + (v instanceof File ? v.size : 0), 0);
    this.groupTarget.hidden = false;
    this.progress(0, total);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', this.element.action);
    xhr.setRequestHeader('Accept', 'text/html, application/xhtml+xml');
    xhr.upload.addEventListener('progress', (e) => this.progress(e.loaded, e.lengthComputable ? e.total : total));
    xhr.addEventListener('load', () => {
      this.sending = false;
      this.progress(1, 1);
      turbo().visit(xhr.responseURL || this.element.action, {
        action: 'advance',
        response: {
          statusCode: xhr.status,
          responseHTML: xhr.responseText,
          redirected: xhr.responseURL !== this.element.action,
        },
      });
    });
    xhr.addEventListener('error', () => {
      this.sending = false;
      this.statusTarget.textContent =
        "L'envoi a échoué : vérifiez votre connexion puis réessayez. Rien n'a été enregistré.";
      this.statusTarget.classList.add('fr-error-text');
    });
    xhr.send(body);
  }

  private progress(loaded: number, total: number): void {
    const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
    this.barTarget.value = percent;
    this.barTarget.textContent = `${percent} %`;
    this.statusTarget.classList.remove('fr-error-text');
    this.statusTarget.textContent =
      percent < 100 ? `Envoi des fichiers : ${percent} %` : 'Fichiers envoyés, enregistrement…';
  }

  /** The message under the file input (DSFR error state), or none. */
  private showError(input: HTMLInputElement, message: string): void {
    const group = input.closest('.fr-upload-group');
    const id = `${input.id}-client-error`;
    let p = document.getElementById(id);
    if (!message) {
      p?.remove();
      group?.classList.remove('fr-upload-group--error');
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') ?? '').replace(id, '').trim());
      if (!input.getAttribute('aria-describedby')) input.removeAttribute('aria-describedby');
      return;
    }
    if (!p) {
      p = document.createElement('p');
      p.id = id;
      p.className = 'fr-error-text';
      input.insertAdjacentElement('afterend', p);
      const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      input.setAttribute('aria-describedby', [...described, id].join(' '));
    }
    p.textContent = message;
    group?.classList.add('fr-upload-group--error');
  }
}
