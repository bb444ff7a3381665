import type { SafetyNotice } from '@lantern/shared/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

/** The safety notices' bars (the shell's SafetyNotices). */
export const SafetyNoticesActions = createActionGroup({
  source: 'Safety Notices',
  events: {
    'Dismiss Clicked': props<{ key: string }>(),
    /** "Try again" after the notices that waited could not be read. */
    'Retry Clicked': emptyProps(),
    /** A case became the user's (live): its notices, if any, are now theirs to be told. */
    'Reread Due': emptyProps(),
  },
});

export const SafetyNoticesApiActions = createActionGroup({
  source: 'Safety Notices Api',
  events: {
    /** GET /me/safety-notices sent: a live notice from now on is newer than what it will answer. */
    'Load Started': emptyProps(),
    /** The user's notices not yet dismissed, as the server has them. */
    Loaded: props<{ items: SafetyNotice[] }>(),
    'Load Failed': props<{ error: string }>(),
    /** Recorded: the bar goes. */
    Dismissed: props<{ key: string }>(),
    /**
     * No longer the user's to dismiss (404: the case was handed on or closed): the bar goes, but nothing was recorded,
     * so the notice shows again should the case come back to them.
     */
    'Dismiss Gone': props<{ key: string }>(),
    /** Not recorded: the bar comes back, saying so (it would only show again at the next sign-in). */
    'Dismiss Failed': props<{ key: string; error: string }>(),
  },
});
