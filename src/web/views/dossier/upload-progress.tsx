// The progress of the files being sent with a form (upload-controller.ts): hidden until a submit
// carries files; a labelled <progress> and a polite live status for screen readers.
import type { FC } from 'hono/jsx';

export const UploadProgress: FC = () => (
  <div class="fr-mt-2w gu-upload-progress" data-upload-target="group" hidden>
    <label class="fr-label" for="envoi-fichiers">
      Progression de l'envoi des fichiers
    </label>
    <progress id="envoi-fichiers" max="100" value="0" data-upload-target="bar">
      0 %
    </progress>
    <p class="fr-text--sm fr-mb-0" role="status" data-upload-target="status"></p>
  </div>
);

/** The attributes of a form whose file uploads are checked and shown in progress. */
export function uploadData(maxBytes: number): Record<string, string> {
  return { 'data-upload-max-bytes-value': String(maxBytes) };
}
