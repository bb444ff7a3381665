import { describe, expect, it } from 'vitest';
import type { Weekday } from './hub-calendar';
import { checkContact, inSafeWindow, type SafeContactPlan, type SafeWindow } from './safe-contact';
import { formatWindows, suggestSafeTimes } from './safe-times';

const ALL: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WD: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const WE: Weekday[] = ['sat', 'sun'];
const w = (days: Weekday[], from: string, to: string): SafeWindow => ({ days, from, to });

/**
 * Officers' safe-times notes, as they write them, with the only right reading — or null where a careful
 * caseworker could not be sure either (then Lantern suggests nothing and the caseworker enters the times).
 */
const CASES: Array<[string, SafeWindow[] | null]> = [
  // Ranges, am/pm and the 24-hour clock
  ['between 2-4pm', [w(ALL, '14:00', '16:00')]],
  ['Between 2pm and 4pm', [w(ALL, '14:00', '16:00')]],
  ['2 - 4 pm', [w(ALL, '14:00', '16:00')]],
  ['14:00-16:00', [w(ALL, '14:00', '16:00')]],
  ['1400-1600hrs', [w(ALL, '14:00', '16:00')]],
  ['from 9.30am to 2.30pm', [w(ALL, '09:30', '14:30')]],
  ['10am - 12pm', [w(ALL, '10:00', '12:00')]],
  ['10-2pm', [w(ALL, '10:00', '14:00')]],
  ['9-5', [w(ALL, '09:00', '17:00')]],
  ['Between 12 and 2', [w(ALL, '12:00', '14:00')]],
  ['noon to 2', [w(ALL, '12:00', '14:00')]],
  ['Between 6 and 8', null], // 06:00-08:00 before work, or 18:00-20:00
  ['Between 5 and 7', [w(ALL, '17:00', '19:00')]],
  ['7-9', null], // 07:00-09:00 or 19:00-21:00
  ['call 7-11', null], // 07:00-11:00 or 19:00-23:00: an evening past the hub's day is still the victim's evening
  ['8-12', null], // 08:00-12:00 or 20:00-midnight
  ['Mon-Fri 8-11', null],
  ['7.30-11', null],
  ['8-4', [w(ALL, '08:00', '16:00')]], // the evening reading would cross midnight
  ['7-3', [w(ALL, '07:00', '15:00')]],
  ['evenings 7-11', [w(ALL, '19:00', '23:00')]],
  ['mornings 8-11', [w(ALL, '08:00', '11:00')]],
  ['7-11pm', [w(ALL, '19:00', '23:00')]],
  ['between two and four in the afternoon', null], // number words only as clock times: "ten to six" is a moment
  ['after six pm', [w(ALL, '18:00', '24:00')]],
  ['evenings 7-9', [w(ALL, '19:00', '21:00')]],
  ['mornings 7-9', [w(ALL, '07:00', '09:00')]],
  // One end
  ['after 6pm', [w(ALL, '18:00', '24:00')]],
  ['Call after 6', [w(ALL, '18:00', '24:00')]],
  ['after 18:00', [w(ALL, '18:00', '24:00')]],
  ['from 10am onwards', [w(ALL, '10:00', '24:00')]],
  ['10am onwards', [w(ALL, '10:00', '24:00')]],
  ['before 9', [w(ALL, '00:00', '09:00')]],
  ['until 3', [w(ALL, '00:00', '15:00')]],
  ['Only call before noon', [w(ALL, '00:00', '12:00')]],
  ['till midnight', null], // says nothing: the whole day
  ['after 8', null], // 08:00 or 20:00
  ['before 7', null],
  ['evenings after 7', [w(ALL, '19:00', '24:00')]],
  ['mornings before 11', [w(ALL, '00:00', '11:00')]],
  ['mornings after 9', null], // when does the morning end?
  // Days
  ['Tuesdays and Thursdays 10:00-12:00', [w(['tue', 'thu'], '10:00', '12:00')]],
  ['Tues-Thurs 10am-12', [w(['tue', 'wed', 'thu'], '10:00', '12:00')]],
  ['Mon, Wed, Fri 9-11am', [w(['mon', 'wed', 'fri'], '09:00', '11:00')]],
  ['Mon/Wed after 6pm', [w(['mon', 'wed'], '18:00', '24:00')]],
  ['weekdays 09:30-14:30 only', [w(WD, '09:30', '14:30')]],
  ['Monday to Friday 9am-5pm', [w(WD, '09:00', '17:00')]],
  ['from Monday to Friday between 10 and 4', [w(WD, '10:00', '16:00')]],
  ['Weekends only', [w(WE, '00:00', '24:00')]],
  ['Saturdays', [w(['sat'], '00:00', '24:00')]],
  ['Fri-Mon after 7pm', [w(['mon', 'fri', 'sat', 'sun'], '19:00', '24:00')]],
  ['any day after 5pm', [w(ALL, '17:00', '24:00')]],
  ['weekdays after 6pm and any time at weekends', [w(WE, '00:00', '24:00'), w(WD, '18:00', '24:00')]],
  ['any time weekends and after 6pm weekdays', [w(WE, '00:00', '24:00'), w(WD, '18:00', '24:00')]],
  ['any time at weekends, weekdays after 6pm', [w(WE, '00:00', '24:00'), w(WD, '18:00', '24:00')]],
  ['Any time Monday to Friday before 8pm', [w(WD, '00:00', '20:00')]],
  ['after 6pm on Mondays, and Wednesdays', null], // Wednesdays all day, or after 6pm?
  ['Ring after 10am but before 2pm', [w(ALL, '10:00', '14:00')]],
  ['before 9am or after 6pm', [w(ALL, '00:00', '09:00'), w(ALL, '18:00', '24:00')]],
  ["Don't call Monday-Friday 8am-6pm", [w(WD, '00:00', '08:00'), w(WE, '00:00', '24:00'), w(WD, '18:00', '24:00')]],
  ['Mon 9-11, Wed 2-4', [w(['mon'], '09:00', '11:00'), w(['wed'], '14:00', '16:00')]],
  ['Weekdays only. After 6pm.', null], // one rule or two?
  ['Weekdays only, after 6pm', [w(WD, '18:00', '24:00')]],
  ['weekdays 9-12 and 2-4', [w(WD, '09:00', '12:00'), w(WD, '14:00', '16:00')]],
  ['Mon 9-11 and 2-4, Thu after 6pm', [w(['mon'], '09:00', '11:00'), w(['mon'], '14:00', '16:00'), w(['thu'], '18:00', '24:00')]],
  ['Thus only call in the evening', null], // "thus" is not Thursday; "evening" alone is not a time
  // Any time
  ['any time', [w(ALL, '00:00', '24:00')]],
  ['Anytime on her mobile', [w(ALL, '00:00', '24:00')]],
  ['24/7', [w(ALL, '00:00', '24:00')]],
  // Exclusions take time away
  ["don't call after 6pm", [w(ALL, '00:00', '18:00')]],
  ['Avoid 8-10 as he is home then', null], // 08:00-10:00 or 20:00-22:00
  // Beside a reason, a bare range to avoid may be the night ("home then" at 1am): session 40.
  ['Avoid 12-2 as he is home then', null],
  ['Avoid 12-2pm as he is home then', [w(ALL, '00:00', '12:00'), w(ALL, '14:00', '24:00')]],
  ['Avoid 12-2', [w(ALL, '00:00', '12:00'), w(ALL, '14:00', '24:00')]],
  ['Do not call before 9am or after 5pm', [w(ALL, '09:00', '17:00')]],
  ['Never before 10am', [w(ALL, '10:00', '24:00')]],
  ['Not weekends', [w(WD, '00:00', '24:00')]],
  ['Any time except Sundays', [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '24:00')]],
  ['Anytime apart from between 5 and 7pm', [w(ALL, '00:00', '17:00'), w(ALL, '19:00', '24:00')]],
  ['Weekdays 9-5 except Wednesdays', [w(['mon', 'tue', 'thu', 'fri'], '09:00', '17:00')]],
  ['After 6pm but not on Fridays', [w(['mon', 'tue', 'wed', 'thu', 'sat', 'sun'], '18:00', '24:00')]],
  ['Call weekdays, not after 6pm', [w(WD, '00:00', '18:00')]],
  ["Please don't ring on Monday or Wednesday", [w(['tue', 'thu', 'fri', 'sat', 'sun'], '00:00', '24:00')]],
  ['Do not call at weekends or after 6pm', [w(WD, '00:00', '18:00')]],
  ['Never call except weekends', [w(WE, '00:00', '24:00')]],
  ["Don't call after 6 but weekends are fine", [w(WD, '00:00', '18:00'), w(WE, '00:00', '24:00')]],
  ['not safe to call after 7pm', [w(ALL, '00:00', '19:00')]],
  ['No calls between 12 and 2', [w(ALL, '00:00', '12:00'), w(ALL, '14:00', '24:00')]],
  // A range to avoid could be the night: read as daytime, the night would be offered as safe
  ["don't call 11-1 as he is back from the pub", null], // 11:00-13:00 or 23:00-01:00
  ['avoid 10-1', null],
  ['not 10-2', null],
  ["don't call between 11 and 1", null],
  ["don't call 7-2", null], // 19:00-02:00 would leave 19:00-20:00 offered, within the hub's day
  ["don't call 9-5", null], // working hours, or 21:00-05:00?
  ["don't call 7-4", null], // 19:00-04:00 would leave 19:00-20:00 offered
  ["don't call 7-6", null], // he is home from 7pm to 6am?
  ["don't call 2-4", [w(ALL, '00:00', '14:00'), w(ALL, '16:00', '24:00')]], // 02:00-04:00 is no one's calling time
  ["don't call 11pm-1am", [w(ALL, '01:00', '23:00')]],
  ["Don't call after 6pm, weekends fine", null], // is Saturday evening safe or not?
  ["Don't call, text after 6pm", null], // about texts, not calls
  ['Call after 6pm. Do not leave a voicemail.', [w(ALL, '18:00', '24:00')]],
  // Past midnight (night workers)
  ['works nights - call between 10pm and 2am', null], // "works" is not a word Lantern knows
  ['between 10pm and 2am', [w(ALL, '22:00', '02:00')]],
  ['Fridays 10pm-2am', [w(['fri'], '22:00', '02:00')]],
  // A night by a set of days: weekday nights are Sunday to Thursday to some, Monday to Friday to others (session 48).
  ['22:00-06:00 weekdays', null],
  ['midnight to 6am', [w(ALL, '00:00', '06:00')]],
  // Explanations are skipped only when they name no time
  // ...and beside safe times only when the days are named and every time has am/pm: a reason may narrow the days
  // ("while he is at work": the days he works) or say which half of the day a bare hour is ("as he is asleep").
  ['Call between 10 and 2 when he is at work', null],
  ['Weekdays 10-2 while partner is at work', null],
  ['Weekdays 10am-2pm while partner is at work', [w(WD, '10:00', '14:00')]],
  ['Mon-Fri 10:00-14:00 as he is at work then', [w(WD, '10:00', '14:00')]],
  ['10am-2pm while he is at work', null], // every day, or the days he works?
  ['9-3 while he is at work', null],
  ['call 8-4 when he is at work', null],
  ['after 10 as he is asleep then', null], // 22:00, not 10:00
  ['after 11 when he has gone to bed', null],
  ['after 9 when kids are in bed', null],
  ['Weekdays after 10 as he is asleep then', null],
  ['Avoid 2-4pm as he is home then', [w(ALL, '00:00', '14:00'), w(ALL, '16:00', '24:00')]],
  ['after 6pm as he works until 5', null],
  ['She has asked to be called after 6pm', [w(ALL, '18:00', '24:00')]],
  ['Victim states safe to call between 1pm and 3pm', [w(ALL, '13:00', '15:00')]],
  ['Safe times: weekdays after 6pm', [w(WD, '18:00', '24:00')]],
  // Found by an adversarial review: each once gave a wrong suggestion
  ['Calling after 8pm is unsafe', null],
  ['After 6pm is not safe', null],
  ['Weekends - no', null],
  ['Sundays never', null],
  ['Weekdays fine, weekends not', null],
  ['2-4pm is safe, after 6pm is not', null],
  ["Don't call weekends, weekdays 2-4pm", null],
  ['Except Fridays, after 6pm', null],
  ['Not weekdays but weekends after 6pm', [w(WE, '18:00', '24:00')]],
  ['Never on weekends but weekdays after 6pm is fine', [w(WD, '18:00', '24:00')]],
  ["Don't call after 6pm but Saturday 10-12 ok", null],
  ['Any day but Sunday', [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '24:00')]],
  ['anytime but after 9pm', [w(ALL, '00:00', '21:00')]],
  ['any time but after 9', null], // "after 9" to avoid is usually 9pm
  ['Any time, but best after 6pm', null],
  ['Any time, not when he is home', null],
  ['Any time he isn’t there', null],
  ['Call any time she is on her own', null],
  ['weekdays when he’s at work', null],
  ['Weekends only when he is away', null],
  ['Call after 6pm, avoid when he is there', null],
  ['after 6pm till 9', [w(ALL, '18:00', '21:00')]],
  ['After 7pm and before 10', [w(ALL, '19:00', '22:00')]],
  ['after 6 till 11', null], // both ends bare: 06:00-11:00 or 18:00-23:00
  ['after 10 till midnight', [w(ALL, '22:00', '24:00')]],
  // Found by a third review
  ['10pm-2am, not weekends', null], // is Sunday 00:00-02:00 Saturday night?
  ['Any time in the day', null],
  ['Weekdays, days only', null],
  ['6-12pm', null],
  ['9-12pm', null], // 09:00-12:00 or 21:00-midnight
  ['10am-12pm', [w(ALL, '10:00', '12:00')]],
  ['Any day time', null],
  ['Never on Sunday but any day after 6pm', [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '18:00', '24:00')]],
  ['Not on Fridays but Saturday after 10am', null],
  ["Don't call after 8pm but weekends after 10am is ok", null],
  ["Don't call Mondays but Tuesdays are fine", null],
  ['avoid 9-12', null], // 09:00-12:00 or 21:00-midnight
  ['After 6pm, weekends', null],
  ['After 6pm, weekdays only', [w(WD, '18:00', '24:00')]],
  ['Can call until 10', null],
  ['10 a.m. to 2 p.m.', [w(ALL, '10:00', '14:00')]],
  ['After 6pm (Mon-Fri)', [w(WD, '18:00', '24:00')]],
  ['Between 10:00hrs and 14:00hrs', [w(ALL, '10:00', '14:00')]],
  ['after 5pm and before 9am', [w(ALL, '17:00', '09:00')]],
  ['Seven days a week 9-5', [w(ALL, '09:00', '17:00')]],
  ['6pm-12', [w(ALL, '18:00', '24:00')]],
  ['between 10pm and 12', [w(ALL, '22:00', '24:00')]],
  ['Weekdays after 6pm but after 8pm on Fridays', null],
  ['Mon-Fri after 6pm, Fridays after 8pm', null],
  ['Weekdays 10-4, Wednesdays 10-12 only', null],
  ['After 6pm. Sundays after 8pm.', null],
  ['Weekdays after 6pm except Fridays after 8pm', null],
  ['Any time except Sunday after 6pm', null], // not Sunday evenings, or not Sundays and only after 6pm?
  [
    "Any time, but don't call Sunday after 6pm",
    [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '24:00'), w(['sun'], '00:00', '18:00')],
  ],
  ['Call after 6pm. Text any time.', null],
  ['Calls 2-4pm, WhatsApp after 6pm', null],
  ['Text after 6pm', null],
  ['Call after 6pm on 12-08', null],
  ['Call after 6pm from 01.09', null],
  ['ten to six', null],
  ['after 6 hours', null],
  ['Weekdays 9-5 and Sat', null],
  ['Mondays after 6pm and Wednesdays', null],
  ['Weekdays after 6pm, weekends', null],
  ['7-8', null],
  ['Avoid 6-8 as he is getting ready for work', null],
  ['Mon.-Fri. 9-5', [w(WD, '09:00', '17:00')]],
  ['Anytime, weekends after 10am only', null],
  ['any time between 10 and 2, or after 7pm on Sundays', null],
  ['Call anytime not just after 6pm', null],
  ["don't call after 10", null],
  ['Weekends, weekdays after 6pm', null],
  ['after 6p.m.', [w(ALL, '18:00', '24:00')]],
  ['between the hours of 2 and 4', [w(ALL, '14:00', '16:00')]],
  ['Between 10am and 2pm Monday to Friday only. Do not call outside these times.', [w(WD, '10:00', '14:00')]],
  ['Do not call her at all on Sundays', [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '24:00')]],
  // Found by a fourth review
  // A negative after the days or times it denies, with more after it: which part is safe is read backwards.
  ['Weekends never, after 6pm', null], // not Sat, Sun 00:00-18:00: weekends are never safe
  ['weekends no, after 6pm', null],
  ['Weekends - no, after 6pm', null],
  ['Weekends never - after 6pm', null],
  ['weekends unsafe, after 6pm', null],
  ['Weekends not safe after 6pm', null],
  ['Weekends NOT after 6pm', null],
  ['weekends avoid, weekdays 2-4pm', null], // not Sat, Sun all day
  ['Fridays never, 10am-2pm', null],
  ['after 6pm no, before 9am', null], // not 18:00-midnight
  ['before 10am no, after 6pm', null], // not 00:00-10:00
  ['Fridays are a no, after 6pm', null],
  ['after 9pm no, 10am-2pm', null],
  ['Sat & Sun not safe, 10am-2pm', null],
  // To avoid, days listed with a comma or "or" before times: do the times go with every day, or the last?
  ["don't call Saturday, or Friday after 6pm", null], // not Fri, Sat 00:00-18:00: Saturday may be all day
  ["don't call Saturdays or Fridays after 6pm", null],
  ['no calls Sunday or Monday after 8pm', null],
  // "12:00am", "12.30am": like "12am", midnight to some and noon to others
  ['weekdays 9am-12:00am', null], // not 09:00-midnight
  ['12.30am-2pm', null], // not 00:30-14:00
  ['12.00am-6am', null],
  ['Mon-Fri 10am-12.00am', null],
  // A lone "after 9/10/11/12" without am/pm may be the evening ("after 10 when the kids are asleep")
  ['call after 10', null], // not 10:00-midnight
  ['after 9', null],
  ['from 9', null],
  ['9 onwards', null],
  ['only after 9', null],
  ['weekdays from 9', null],
  ['Mon-Fri after 11', null],
  ['after 12', null],
  ['after 9:30', null],
  // Hedges, conditions, moments and anything unknown give nothing
  ['usually after 6pm', null],
  ['after 6pm unless he is home', null],
  ['only when he is at the pub', null],
  ['school hours', null],
  ['9.30-3 school days', null],
  ['around 2pm', null],
  ['at 3pm', null],
  ['mornings', null],
  ['Saturday mornings', null],
  ['lunchtime', null],
  ['lunchtime 12-1', [w(ALL, '12:00', '13:00')]],
  ['any time after 10am except when he is home', null],
  ['call 07700 900123 after 6', null],
  ['after 6pm on 12/08', null],
  ['every other Tuesday', null],
  ['ask her', null],
  ["don't call", null],
  ['after 6pm or before 9am?', null], // a question: the officer unsure (session 40)
  ['after 6pm or before 9am', [w(ALL, '00:00', '09:00'), w(ALL, '18:00', '24:00')]],
  ['half past two till four', null],
  ['Not before 9 and not after 8', null], // "after 8": morning or evening?
  ['', null],

  // An independent review's misreadings (session 36), each now nothing: the caseworker asks and enters the times.
  // "Don't call" with texts named: no call at all; the times are for texts.
  ["Don't call, text only. After 6pm.", null],
  ['Text only. After 6pm', null],
  ['After 6pm - do not call, text', null],
  ['Weekdays after 6pm. Never call - text only', null],
  ["Don't call - text only. Any time.", null],
  ['Never call - email only. Weekdays 9am-5pm.', null],
  // A one-digit hour beside "10.00" shows the 12-hour clock: "10.00" may be 22:00.
  ["Don't call 6.00-10.00", null],
  ['Do not call between 6.00 and 10.00 as he is home', null],
  ['dont call 7.30-10.00', null],
  ['after 6 till 10.00', null],
  ["Don't call between 10.00 and 2.00", null],
  ['avoid 11.00-1.00', null],
  ['No calls 8.00-10.00', null],
  ['after 10.00', null],
  ['10.00 onwards', null],
  ['Call between 7.30 and 10.00', null],
  ['Call between 7.30 and 10.00 in the evening', [w(ALL, '19:30', '22:00')]],
  ['6pm-10.00', [w(ALL, '18:00', '22:00')]],
  ['10:00-12:00', [w(ALL, '10:00', '12:00')]], // both ends two-digit with minutes: the 24-hour clock
  // A caveat inside a reason undoes it.
  ['Mon-Fri 10am-2pm when he is at work but he is currently off sick', null],
  ['Weekdays 10am-2pm as he is at work although he is suspended at the moment', null],
  ['Mon-Fri 9am-3pm as he is at work apart from his days off', null],
  ['Weekdays 10am-2pm as long as he has left for work', null],
  // A negative set off by a comma or dash: "avoid after 6pm", or "not now; after 6pm"?
  ["Don't call - after 6pm", null],
  ['No, after 6pm', null],
  ['Do not contact - weekends', null],
  // To avoid, an early morning is as likely as the evening.
  ["don't call 5-9", null],
  ['Any time but 5-9', null],
  ["don't call 3-5", [w(ALL, '00:00', '15:00'), w(ALL, '17:00', '24:00')]], // 03:00-05:00 is no one's calling time
  // When to follow up, or the victim calling: not times to call her.
  ['Call in 7 days', null],
  ['Ring her back in 24 hours', null],
  ['She will ring back after 6pm', null],
  ['Victim will call back after 6pm', null],
  // A period word alone, then other days with times.
  ['Mornings and Sat 2-4', null],
  ['Evenings and weekends after 6', null],
  // Session 38, from an independent review of 559 officer phrasings (each was a wrong suggestion before).
  // "any time" beside a time that did not narrow it made the whole day.
  ['After 6pm any time', null],
  ['Weekdays after 6pm anytime, weekends 10am-4pm', null],
  ['Weekends all day, weekdays after 6pm anytime', null],
  ['Any time, before 8pm', null],
  ['2-4pm any time', null],
  ['any time after 6pm', [w(ALL, '18:00', '24:00')]], // "any time" first, narrowed by what follows
  // A bound restating a window's end made a second window from midnight.
  ['Weekdays 9.30am-2.30pm, no later than 2.30pm', null],
  ['Call 10am-2pm, before 2pm', null],
  ['Call 9am-5pm, up to 5pm', null],
  ['2-4pm, not earlier than 2pm', null],
  ['2-4pm or after 7pm', [w(ALL, '14:00', '16:00'), w(ALL, '19:00', '24:00')]], // apart: two windows
  // Two time phrases with nothing between: the second is often a date.
  ['Call after 6pm on 15-3', null],
  ['Call after 6pm on 12-3', null],
  ['after 6pm 2-4', null],
  ['2-4 till 6', null],
  // "after A and before B" on named days: whose morning?
  ['Weekdays after 5pm and before 9am', null],
  ['Saturdays after 9pm and before 9am', null],
  ['Mon-Fri before 9am and after 5pm', [w(WD, '00:00', '09:00'), w(WD, '17:00', '24:00')]],
  ['after 5pm and before 9am', [w(ALL, '17:00', '09:00')]], // every day: the same minutes either way
  // To avoid, a bare "before": the evening may be meant.
  ["Don't call before 10 as he is still up", null],
  ['never before 12', null],
  ['not until 12', null],
  ["don't call before 9am", [w(ALL, '09:00', '24:00')]],
  // A night written as two bounds, with days excluded.
  ['after 10pm or before 2am, not weekends', null],
  ['before 9am or after 5pm, not weekends', [w(WD, '00:00', '09:00'), w(WD, '17:00', '24:00')]],
  // To avoid, days in more than one phrase before a time: one day all day, or every day until the time?
  ['Do not call Sundays and Mon-Fri after 5pm', null],
  ["Don't call Sat and Mon-Fri after 6pm", null],
  // A second review (1,009 more phrasings): "at all" beside a time, the small hours of a named day, a bare range
  // beside an evening or night in the same list, a 24-hour guess to avoid.
  ["Don't call after 6pm on Fridays or at all on Sundays", null],
  ['not at all on Sundays', [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '24:00')]],
  ['Friday night 12-2', null],
  ['Friday night before 2am', null],
  ['Fri 12-2am', null],
  ["Don't call Friday night 12-2", null],
  ['Friday after 10pm or before 2am', null],
  ['weekdays before 7am', [w(WD, '00:00', '07:00')]],
  ['Fri 11-2am', [w(['fri'], '23:00', '02:00')]],
  ['Weekday evenings 7-9 and 9-11', null],
  ['7-9pm and 10-11', null],
  ['Saturday night 10-12 and 1-3', null],
  ['Evenings 7-9 Mon, 10-12 Wed', null],
  ['2-4pm or 9-11', [w(ALL, '09:00', '11:00'), w(ALL, '14:00', '16:00')]],
  ['Mon 9-11 and 2-4, Thu after 6pm', [w(['mon'], '09:00', '11:00'), w(['mon'], '14:00', '16:00'), w(['thu'], '18:00', '24:00')]],
  ["Don't call 10.00-12.00 as he is back from the pub", null],
  [
    "don't call Friday and Saturday after 6pm",
    [w(['mon', 'tue', 'wed', 'thu', 'sun'], '00:00', '24:00'), w(['fri', 'sat'], '00:00', '18:00')],
  ],
  // A third review (session 40, ~1,000 more phrasings). A reason beside an open bound says when the window ends
  // without saying it: read, it ran to midnight, into the hours he is home.
  ['Mon-Fri after 9am as he is at work', null],
  ["Thursdays after 7pm when he's at football", null],
  ['Mon-Fri until 5pm while he is at work', null],
  ['Mon-Fri 9am onwards when he is at work', null],
  ['Mon-Fri 9am-5pm as he is at work', [w(WD, '09:00', '17:00')]], // both ends written: the reason only explains
  // A condition after "any time" / "whenever" is the opposite of every hour.
  ["whenever it's safe", null],
  ['any time she is free', null],
  ['any time that suits her', null],
  ['whenever safe', null],
  ['any time convenient', null],
  ['any time is fine', [w(ALL, '00:00', '24:00')]],
  ['anytime she is safe to talk', null],
  ['any time', [w(ALL, '00:00', '24:00')]],
  ['whenever', [w(ALL, '00:00', '24:00')]],
  // A range past midnight that ends in the morning, on named days: whose morning (as "after 5pm and before 9am")?
  ['Weekdays 5pm-9am', null],
  ['Mon-Fri 17:00-09:00', null],
  ['Sat 6pm-9am', null],
  ['weekdays 10pm-2am', null], // Sunday to Thursday nights, or Monday to Friday? (session 48)
  ['Weekends 10pm-2am', null], // Friday and Saturday nights, or Saturday and Sunday?
  ['Mon, Tue, Wed 10pm-2am', [w(['mon', 'tue', 'wed'], '22:00', '02:00')]],
  ['11pm-2am every day', [w(ALL, '23:00', '02:00')]],
  ['Any time except after 9pm and Sundays', [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '21:00')]],
  // The small hours of a named day with an open bound, as with a range: Friday night, or Thursday's?
  ['Fri before 2am', null],
  ['Friday until 1am', null],
  // A caveat cut short.
  ['after 6pm but', null],
  ['weekdays after 6pm, but', null],
  // A fourth review (session 40, structural: accepted notes joined and perturbed, ~161,000 inputs, hour by hour).
  // A full stop after a range's end day is a sentence end unless the range was abbreviated with dots throughout.
  ["Don't call Mon-Fri. After 6pm weekends", null],
  ['Dont call Tue-Thu. 2-4pm', null],
  ['Mon.-Fri. 9am-5pm', [w(WD, '09:00', '17:00')]],
  // "p.m." before a capital ends the sentence (not in a note in capitals throughout).
  ['Do not call after 6 p.m. On weekends 10am-2pm', null],
  ['after 6 p.m. on weekdays', [w(WD, '18:00', '24:00')]],
  ["DON'T CALL AFTER 6 P.M. ON WEEKENDS", [w(WD, '00:00', '24:00'), w(['sat', 'sun'], '00:00', '18:00')]],
  // After "except", days joined to a time by "and": on the exception, or on "any day"? Opposite readings.
  ['Any day except Sunday and after 6pm', null],
  ['Any day but Monday and 10am-2pm', null],
  ['any time except 12-2 and after 9pm', [w(ALL, '00:00', '12:00'), w(ALL, '14:00', '21:00')]],
  // A second "except" turned the first round.
  ['Any time except Sundays and except after 9pm', null],
  ['Weekdays 9-5 except Wednesdays and except after 3pm', null],
  // To avoid, a bare closing bound ("before 9": 9pm, or 9am?).
  ["don't call after 6pm and before 9", null],
  ["don't call after 6pm and before 9am", [w(ALL, '09:00', '18:00')]],
  // "then"/"also" or a bracket inside a part to avoid: more to avoid, or the safe times?
  ["Don't call weekends then after 6pm", null],
  ["don't call after 9pm also weekends", null],
  ['no calls before 10am (weekends 10am-2pm)', null],
  // An exception that gives back whole days also gave back what an earlier part ruled out.
  ["Never before 10am. Don't call after 6pm but weekends are fine.", null],
  ['Not Sundays. Don’t call after 6pm but weekends fine', null],
  // Two open bounds that cover the day, in two groups of one list.
  ['Weekdays after 6pm or before 8pm', null],
  // A fifth review (session 40, 549 notes each with its own hour-by-hour meaning). After "never ... except", a new
  // sentence may narrow the exception or add to it.
  ['Never except weekends. After 6pm.', null],
  ['Do not call except Saturdays. After 10am.', null],
  // A small letter after "p.m." goes on the sentence.
  ['Call 2-4 p.m. weekdays', [w(WD, '14:00', '16:00')]],
  // To avoid, a reading left out (the night from midnight, an evening past midnight) with hours in the hub's day.
  ["Don't call 12-9", null],
  ["Don't call 3-9 as he is asleep", null],
  ["Don't call 4-1", null],
  ['Any time except 12-9', null],
  ['No calls between 12 and 2', [w(ALL, '00:00', '12:00'), w(ALL, '14:00', '24:00')]],
  // A reason beside safe times that may have him there.
  ['Mon-Fri 8am-4pm when he is at work or on leave', null],
  ['Mon-Fri 8am-4pm when he is at work', [w(WD, '08:00', '16:00')]],
  // A question is the officer unsure.
  ['Any time?', null],
  ['After 6pm? Not Fridays.', null],
  // A sixth review (session 48, 722 notes). "No later than" after "any time but": a bound, not what is excepted.
  ['any time but no later than 9pm', null],
  ['Anytime but not later than 8pm', null],
  ['Any time but no earlier than 10am', null],
  ['anytime, but not earlier than 9am', null],
  ['any time but before 9pm', null],
  ['Any time except no later than 9pm', null],
  // "Not earlier than A or later than B": the negation covers both bounds.
  ['Not earlier than 10am or later than 4pm', null],
  ['Call no earlier than 9am or later than 8pm', null],
  ['Not earlier than 9am or after 8pm', null],
  ['No later than 8pm or earlier than 9am', null],
  ['no later than 8pm', [w(ALL, '00:00', '20:00')]],
  // To avoid, one end on the 24-hour clock or with am/pm and the other bare: the night is as likely as the evening.
  ['Do not call 18:00-7:00', null],
  ["Don't call 17:00-9:00", null],
  ['Dont call 17.00 - 9.00 as he is home', null],
  ['Do not ring 18.00 - 8.00', null],
  ['No calls 18-8', null],
  ["Don't call 6pm-7", null],
  ['No calls 5pm-8', null],
  ['Anytime except 6pm-8', null],
  ["Don't call from 6pm to 8", null],
  ["Don't call 6pm-8am", [w(ALL, '08:00', '18:00')]],
  // To avoid, a reason joined by "or"/"and" is more to avoid, at times the note does not give.
  ["Don't call after 6pm or when he is home", null],
  ["Don't call weekends or when he is off work", null],
  ['Not at weekends or when he is on a day off', null],
  ['Do not call weekends as he is home then and on his days off', null],
  ["Don't call after 6pm as he's home then and on his rest days", null],
  ["No calls after 6pm or when he's got the kids", null],
  ["Don't call after 6pm as he is home then", [w(ALL, '00:00', '18:00')]],
  // After "any time but", a word saying the hours are wanted turns the part round.
  ['Any time but after 6pm is preferred', null],
  ['Any time but after 6pm is ideal', null],
  ['Any time, but after 6pm she can talk', null],
  ['Any time but weekends preferred', null],
  ['any time but after 9pm', [w(ALL, '00:00', '21:00')]],
  // Hedged or rota reasons beside safe times.
  ['Mon-Fri 9am-5pm when he is at work most days', null],
  ["Mon-Fri 9am-5pm as he's likely to be at work", null],
  ['Mon-Fri 9am-5pm as he should be at work', null],
  ['Mon-Fri 9am-5pm as he is supposed to be at work', null],
  ["Mon-Fri 9am-5pm as he's typically at work", null],
  ['Mon-Fri 9am-5pm when he is at work and he finishes early some days', null],
  ["Weekdays 10am-2pm as he's at work she thinks", null],
  ['Mon-Fri 9am-5pm as he has a new job starting soon', null],
  ['Mon-Fri 9am-5pm as he works remotely', null],
  ['Mon-Fri 9am-5pm as he WFH', null],
  ["Mon-Fri 9am-1pm when he's on earlies", null],
  ['Weekdays 10am-2pm as he is on days', null],
  // A day with a date after it ("16-4": 16 April) is not a 24-hour range.
  ['Thursday 16-4', null],
  ['Call Sat 23-5', null],
  ['Call Tue 14-3', null],
  ['Fri 13-2', null],
  ['Weekdays 9-17', [w(WD, '09:00', '17:00')]],
  // A day between two timed groups: with the times before it, after it, or all day?
  ['Mon after 6pm, Tue, Wed 2-4pm', null],
  ['Mon 2-4pm, Wed, Fri 10am-12pm', null],
  // A reason beside a range with one end marked: the bare end has one reading ("2-4pm" is 14:00-16:00).
  ['weekdays 2-4pm when he is at work', [w(WD, '14:00', '16:00')]],
  ['Mon-Fri 10-2pm as he is at work', [w(WD, '10:00', '14:00')]],
  ['weekdays 2-4 when he is at work', null],
  // A seventh review (session 48, 1,649 more notes). A period on one day chose another day's bare range.
  ['Sat night or Sun 10-2', null],
  ['Friday night or Saturday 10-12', null],
  ['Mon evening and Wed 8-10', null],
  ['Mon morning and Fri 7-9', null],
  ['Mon and Wed evenings 7-9', [w(['mon', 'wed'], '19:00', '21:00')]],
  // A reason is read only from the words of a standing reason: not a time of day, a one-off, a hedge or an exception.
  ['Mon-Fri 9am-7pm as he is at work till tea', null],
  ['Mon-Fri 10am-2pm as he is at work he comes back at dinnertime', null],
  ['Thurs 9am-1pm as he is at court', null],
  ['Tue 9am-12pm as he has a hospital appointment', null],
  ['Mon-Fri 9am-5pm while he is on remand until trial', null],
  ['Mon-Fri 10am-2pm as he is at work aside from rest days', null],
  ['Mon-Fri 10am-2pm as he is at work save rest days', null],
  ['Weekdays 10am-2pm as he is believed to be at work', null],
  ['Weekdays 10am-2pm as he says he is at work', null],
  ['Mon-Fri 10am-2pm as his hours change', null],
  ['Mon-Fri 9am-3pm while the kids are in lessons', null],
  // A trip or a moment is not a standing absence: the times are its outer limits (a third review, session 48).
  ['Mon-Fri 9am-5pm as he is at the gym', null],
  ["Mon-Fri 9am-5pm when he's out", null],
  ['Mon-Fri 9am-5pm when he goes out', null],
  ['Weekdays 10am-2pm when he goes to the shops', null],
  ['Mon-Fri 9am-5pm as he is at work then', [w(WD, '09:00', '17:00')]],
  ['Mon-Fri 10am-2pm as he works when he gets work', null],
  ['Weekdays 10am-2pm when he is asleep', null], // he is home
  ["Don't call before 1pm as he sleeps in", [w(ALL, '13:00', '24:00')]],
  ['Tuesdays 10am-2pm when IP is at her mums', [w(['tue'], '10:00', '14:00')]],
  // Beside safe times, a reason that has him there (a review of this session's change).
  ['weekdays 2-4pm when he is back from work', null],
  ['weekdays 2-4pm when he is in', null],
  ['weekdays 2-4pm when her ex is there', null],
  ['weekdays 2-4pm when he is awake', null],
  ['weekdays 2-4pm when he has the kids', null],
  // To avoid, a night read short from any hour.
  ['No calls 3pm-8', null],
  ["Don't call 15:00-9", null],
  // Hedges made of everyday words.
  ['should be ok after 6pm', null],
  ['could be ok after 6pm', null],
  ['after 6pm for the time being', null],
  ['at times after 6pm', null],
  // Shorthand.
  ['wkdays 2-4pm', [w(WD, '14:00', '16:00')]],
  ['M-F 10am-2pm', [w(WD, '10:00', '14:00')]],
  ['btwn 2pm and 4pm', [w(ALL, '14:00', '16:00')]],
  ['Under no circumstances call after 6pm', [w(ALL, '00:00', '18:00')]],
  // A third review (session 48, 1,586 more notes). "Not X and Y" with no verb: avoid both, or "not X; call at Y"?
  ['Not before 10am and weekdays', null],
  ['Not Sundays and 9am-5pm', null],
  ['Not weekends and 10am-2pm', null],
  ['Never Mondays and after 6pm', null],
  ["Don't call Sundays and after 7pm", [w(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '00:00', '19:00')]],
  // "~" is "about".
  ['~6pm onwards', null],
  ['Mon-Fri ~ 10am-2pm', null],
  // Form labels, and a male victim.
  ['Times to avoid: after 5pm', [w(ALL, '00:00', '17:00')]],
  ['Safe times: after 6pm', [w(ALL, '18:00', '24:00')]],
  ['Call him after 6pm', [w(ALL, '18:00', '24:00')]],
  // A label starts a part of its own; one followed by a negative is a double negative (a review of this change).
  ['Safe times: never Avoid: after 6pm', null],
  ["Don't call Avoid: after 6pm", null],
  ['No calls Times to avoid: weekends', null],
  ['Unsafe times: not before 10am', null],
  ['Safe times: after 6pm. Unsafe times: weekends.', [w(WD, '18:00', '24:00')]],
  // Times joined to times in a part to avoid with no verb: avoid both, or "not after 6pm; call 10am-2pm"?
  ['Not after 6pm and 10am-2pm', null],
  ["Don't call before 9am and after 9pm", [w(ALL, '09:00', '21:00')]],
];

describe('reading the officer’s safe times (suggestSafeTimes)', () => {
  it('has at least 60 phrasings', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('%j', (text, expected) => {
    const s = suggestSafeTimes(text);
    if (expected === null) expect(s).toBeNull();
    else expect(s).toEqual({ windows: expected, text: text.trim() });
  });

  // The rule Lantern will enforce once confirmed is exactly what the note says, minute by minute, for notes whose
  // meaning a probe can state independently.
  it.each([
    ["don't call after 6pm", (h: number) => h < 18],
    ['Avoid 12-2pm as he is home then', (h: number) => h < 12 || h >= 14],
    ['between 2-4pm', (h: number) => h >= 14 && h < 16],
    ['between 10pm and 2am', (h: number) => h >= 22 || h < 2],
  ])('%s: every hour of a week is allowed exactly when the note allows it', (text, allowed) => {
    const windows = suggestSafeTimes(text)?.windows ?? [];
    // Monday 23 Nov 2026 is GMT, so UTC hours are London hours.
    for (let hour = 0; hour < 7 * 24; hour++) {
      const at = new Date(Date.UTC(2026, 10, 23, hour, 30)).toISOString();
      expect(inSafeWindow(at, windows), `${text} at ${at}`).toBe(allowed(hour % 24));
    }
  });

  // No hour the note calls unsafe is callable once the suggestion is confirmed (none is, where it gives nothing).
  it.each([
    // Weekends are never safe; weekdays only after 6pm (or nothing at all).
    ['Weekends never, after 6pm', (day: number, h: number) => day < 5 && h >= 18],
    // 09:00 to noon at most ("12:00am" may be noon); never at weekends.
    ['weekdays 9am-12:00am', (day: number, h: number) => day < 5 && h >= 9 && h < 12],
  ])('%s: no hour the note calls unsafe can be called', (text, mayBeSafe) => {
    const plan: SafeContactPlan = {
      numbers: [{ number: '07700 900123', owner: 'victim', safe: true }],
      emails: [],
      windows: suggestSafeTimes(text)?.windows ?? [],
      channels: ['call'],
      codeWord: null,
      safeTimesText: text,
      timeRule: 'windows',
      notes: null,
    };
    const ctx = { consentToContact: 'given' as const, paused: false, suspectNumbers: [] as string[] };
    // Monday 23 Nov 2026 is GMT, so UTC hours are London hours.
    for (let hour = 0; hour < 7 * 24; hour++) {
      const at = new Date(Date.UTC(2026, 10, 23, hour, 30)).toISOString();
      if (mayBeSafe(Math.floor(hour / 24), hour % 24)) continue;
      const rules = checkContact(plan, { channel: 'call', to: '07700 900123', at }, ctx).map((v) => v.rule);
      expect(rules, `${text} at ${at}`).toContain('outside-safe-window');
    }
  });

  it('never throws, whatever the text', () => {
    for (const text of [
      '-',
      '--',
      '- -',
      '9-',
      '-9',
      'between',
      'from',
      'after',
      'mon-weekends',
      'a.m.',
      '12:60',
      '25:00',
      '0am',
      '13pm',
      '(',
      ':',
      'x'.repeat(600),
    ])
      expect(suggestSafeTimes(text)).toBeNull();
  });

  it('says the windows in words', () => {
    expect(formatWindows(suggestSafeTimes('Tuesdays and Thursdays 10:00-12:00')?.windows ?? [])).toBe('Tue, Thu 10:00–12:00');
    expect(formatWindows(suggestSafeTimes('Fridays 10pm-2am')?.windows ?? [])).toBe('Fri 22:00–02:00 (next day)');
    expect(formatWindows(suggestSafeTimes('after 6pm')?.windows ?? [])).toBe('Every day 18:00–midnight');
  });

  it('a confirmed suggestion lets calls through inside the windows and refuses them outside', () => {
    const plan: SafeContactPlan = {
      numbers: [{ number: '07700 900123', owner: 'victim', safe: true }],
      emails: [],
      windows: suggestSafeTimes('weekdays between 2-4pm')?.windows ?? [],
      channels: ['call'],
      codeWord: null,
      safeTimesText: 'weekdays between 2-4pm',
      timeRule: 'windows',
      notes: null,
    };
    const ctx = { consentToContact: 'given' as const, paused: false, suspectNumbers: [] as string[] };
    const at = (iso: string) => checkContact(plan, { channel: 'call', to: '07700 900123', at: iso }, ctx).map((v) => v.rule);
    expect(at('2026-11-24T14:30:00Z')).toEqual([]); // Tuesday 14:30
    expect(at('2026-11-24T02:30:00Z')).toEqual(['outside-safe-window']); // 02:30, the old parser's reading
    expect(at('2026-11-28T14:30:00Z')).toEqual(['outside-safe-window']); // Saturday
  });
});
