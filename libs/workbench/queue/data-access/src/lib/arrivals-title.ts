import { DOCUMENT, Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';

/**
 * The browser tab's title with the count of unacknowledged high-risk arrivals in front: "(2) Triage queue ·
 * Lantern". Provided in place of Angular's Title, so the router's page titles and the case page's own keep working:
 * they set the page's part, this adds the count.
 */
@Injectable()
export class ArrivalsTitle extends Title {
  private page: string;
  private count = 0;

  constructor() {
    const document = inject(DOCUMENT);
    super(document);
    this.page = document.title;
  }

  override getTitle(): string {
    return this.page;
  }

  override setTitle(title: string): void {
    this.page = title || '';
    this.render();
  }

  setCount(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.render();
  }

  private render(): void {
    super.setTitle(this.count > 0 ? `(${this.count}) ${this.page}` : this.page);
  }
}
