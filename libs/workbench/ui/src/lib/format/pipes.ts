import { Pipe, PipeTransform } from '@angular/core';
import {
  caseStatusLabel,
  consentLabel,
  dashAnswerLabel,
  genderLabel,
  relationshipLabel,
  riskGradeLabel,
  riskToolLabel,
  yesNo,
} from './labels';
import { DateTimeStyle, formatCalendarDate, formatLondonDateTime, formatWaiting } from './time';

/** `{{ iso | londonDateTime }}` → "Mon 3 Mar 2025, 14:05" in the hub's zone (HUB_TIME_ZONE). */
@Pipe({ name: 'londonDateTime' })
export class LondonDateTimePipe implements PipeTransform {
  transform(iso: string | null | undefined, style: DateTimeStyle = 'medium'): string {
    return formatLondonDateTime(iso, style);
  }
}

/** `{{ isoDate | calendarDate }}` → "1 May 1990". */
@Pipe({ name: 'calendarDate' })
export class CalendarDatePipe implements PipeTransform {
  transform(isoDate: string | null | undefined): string {
    return formatCalendarDate(isoDate);
  }
}

/** `{{ receivedAt | waiting: now }}` → "2 h 15 min". Pass a ticking `now` so the pipe stays pure. */
@Pipe({ name: 'waiting' })
export class WaitingPipe implements PipeTransform {
  transform(receivedAt: string | null | undefined, now: number): string {
    return formatWaiting(receivedAt, now);
  }
}

const LABELS = {
  grade: riskGradeLabel,
  status: caseStatusLabel,
  dash: dashAnswerLabel,
  tool: riskToolLabel,
  consent: consentLabel,
  gender: genderLabel,
  relationship: relationshipLabel,
  yesNo,
} as const;

export type LabelKind = keyof typeof LABELS;

/** `{{ value | label: 'status' }}`: the one wording for each domain value. */
@Pipe({ name: 'label' })
export class LabelPipe implements PipeTransform {
  transform(value: unknown, kind: LabelKind): string {
    return (LABELS[kind] as (v: unknown) => string)(value);
  }
}
