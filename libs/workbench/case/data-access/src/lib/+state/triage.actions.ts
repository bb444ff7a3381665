import type { TriageConfig } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

export const TriageConfigActions = createActionGroup({
  source: 'Triage Config',
  events: {
    Loaded: props<{ config: TriageConfig }>(),
    'Load Failed': props<{ error: string }>(),
  },
});
