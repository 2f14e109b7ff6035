// Search as you type in a commune or EPCI input: after a short pause the suggestions of the reference
// list fill the input's <datalist> (the browser shows and announces them). Without JavaScript the
// input is a plain text input and the server checks the name or code typed.
import { Controller } from '@hotwired/stimulus';

const DELAY_MS = 200;

interface Suggestion {
  value: string;
  hint?: string;
}

export default class extends Controller<HTMLElement> {
  static targets = ['input', 'list'];
  static values = { url: String };
  declare inputTarget: HTMLInputElement;
  declare listTarget: HTMLDataListElement;
  declare urlValue: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: AbortController | undefined;
  private last = '';

  search(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(), DELAY_MS);
  }

  disconnect(): void {
    clearTimeout(this.timer);
    this.pending?.abort();
  }

  private async fetch(): Promise<void> {
    const typed = this.inputTarget.value.trim();
    if (typed === this.last) return;
    this.last = typed;
    this.pending?.abort();
    if (typed.length < 2) {
      this.listTarget.replaceChildren();
      return;
    }
    const pending = new AbortController();
    this.pending = pending;
    try {
      const response = await fetch(`${this.urlValue}?q=${encodeURIComponent(typed)}`, {
        signal: pending.signal,
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) return;
      const suggestions = (await response.json()) as Suggestion[];
      this.listTarget.replaceChildren(
        ...suggestions.map((s) => {
          const option = document.createElement('option');
          option.value = s.value;
          if (s.hint) option.label = s.hint;
          return option;
        }),
      );
    } catch {
      // aborted by a newer search, or offline: the input still works as plain text
    }
  }
}
