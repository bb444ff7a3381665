import { inject } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';
import { UnsavedChanges } from './unsaved-changes.service';

/**
 * On every routed page (app.routes.ts): leaving by a link, Back, the breadcrumb or another case's URL asks
 * "Discard unsaved changes?" while a form there is dirty.
 */
export const unsavedChangesGuard: CanDeactivateFn<unknown> = () => inject(UnsavedChanges).confirmDiscard();
