import { DOCUMENT } from '@angular/common';
import { InjectionToken, inject } from '@angular/core';

/** window.location behind a token, so effects that reload the page can be tested. */
export const DOCUMENT_LOCATION = new InjectionToken<Pick<Location, 'assign'>>('DOCUMENT_LOCATION', {
  providedIn: 'root',
  factory: () => inject(DOCUMENT).location,
});
