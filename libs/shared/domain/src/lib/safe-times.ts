import type { Weekday } from './hub-calendar';
import { WEEKDAYS } from './hub-calendar';
import type { SafeWindow } from './safe-contact';

/**
 * What the officer's free-text safe times seem to say, for a caseworker to confirm ("Use these times") or edit.
 * Never a rule by itself: the plan's timeRule stays `unknown` until someone confirms.
 */
export interface SafeTimesSuggestion {
  windows: SafeWindow[];
  /** The officer's words the windows were read from. */
  text: string;
}

/*
 * How the officer's note is read (docs/safe-contact.md, "Reading the officer's safe times").
 *
 * The reader is deliberately narrow: a wrong suggestion that a tired caseworker confirms can get a victim called
 * while the suspect is in the room, so any word, number or construction it does not know, any hedge ("usually",
 * "unless", "maybe", "school hours"), any clock time that could be morning or evening, gives no suggestion at all.
 *
 * 1. The note is cut into segments by "but", "except", negations ("don't", "not", "never", "avoid", "no") and
 *    sentence ends. A segment is positive (safe times) or negative (times to avoid); explanations ("as he is home
 *    then", "when he is at work") are skipped, but only when they name no day or time and every word is a standing
 *    reason's (REASON_WORDS), and in a positive segment only when it names its days and writes every time with am/pm
 *    or on the 24-hour clock.
 * 2. Inside a segment, days ("Tues-Thurs", "weekdays", "Mon, Wed, Fri") and times ("2-4pm", "after 6pm",
 *    "before 9", "until 3", "noon", "14:00-16:00", "10pm-2am") are grouped: "weekdays after 6pm and weekends any time"
 *    is two groups. A group with days and no time is the whole day; a time with no day is every day.
 * 3. Segments apply in order to a week of minutes: positives add (the first positive starts from nothing, a note
 *    that starts with a negative starts from the whole week), negatives take away, "except" turns the sense round
 *    ("never except weekends" = weekends only). A positive after a negative is read only after "but"/"except"
 *    ("don't call after 6pm but weekends are fine"); otherwise it is ambiguous and gives nothing.
 * 4. Clock times without am/pm: in a range, the one reading that lies within 06:00-22:00 without crossing midnight
 *    ("2-4" = 14:00-16:00, "9-11" = 09:00-11:00, "8-4" = 08:00-16:00; "8-10", "7-9" could be either: nothing; a
 *    range from 6, or from 7 or 8 to an hour up to 12, is nothing: "7-11" may be 19:00-23:00; to avoid, a range may also be a night up to twelve hours long from 18:00: "don't call
 *    11-1" is 11:00-13:00 or 23:00-01:00, nothing); with one end marked, the other end takes the reading that makes the shorter range
 *    ("10-2pm" = 10:00-14:00, "10pm-2" = 22:00-02:00); a lone hour is read the same way ("after 6" = 18:00,
 *    "before 9" = 09:00, "until 3" = 15:00; 7 and 8 could be either, and so could "after 9-12": nothing).
 *    "Morning", "evening" and so on choose between readings and must agree with the times; on their own they are
 *    not times and give nothing.
 */

type Meridiem = 'am' | 'pm';
interface ClockTime {
  h: number;
  m: number;
  /** am/pm as written, or null. */
  mer: Meridiem | null;
  /** Unambiguous as written: 24-hour ("14:00", "09:30", "1830"), noon, midnight, or with am/pm. */
  fixed: boolean;
  midnight?: boolean;
  /** Written with a colon or with am/pm ("18:00", "6pm"): a clock time for sure, not part of a date. */
  clockLike?: boolean;
  /** A bare hour, with no minutes and no am/pm ("10", "12", "10 o'clock"). */
  bare?: boolean;
  /** A two-digit hour with minutes and no am/pm ("10:00", "11.30", "18:00"): see lex. */
  hhmm?: boolean;
  /** Read as the 24-hour clock only because the other end of its range is written the same way (lex). */
  paired?: boolean;
}
type Period = 'morning' | 'afternoon' | 'evening' | 'night' | 'lunch' | 'daytime';

type DayToken = { k: 'day'; days: Weekday[]; set: boolean };
type Token =
  | { k: 'time'; t: ClockTime }
  | DayToken
  | { k: 'period'; p: Period }
  | { k: 'word'; w: string }
  | { k: 'sep'; s: 'sentence' | 'comma' | 'bracket' | 'dash' | 'slash' };

/** Minutes in a week, Monday 00:00 first. */
const WEEK = 7 * 1440;
/** The hub's calling day, used only to choose between the morning and evening reading of a clock hour. */
const CALLING_DAY = { from: 8 * 60, to: 20 * 60 };

class Unreadable extends Error {}
const unreadable = (): never => {
  throw new Unreadable();
};

/**
 * Reads an officer's safe-times note into windows, or null whenever any part of it cannot be read with certainty.
 */
export function suggestSafeTimes(text: string): SafeTimesSuggestion | null {
  if (typeof text !== 'string' || !text.trim() || text.length > 500) return null;
  try {
    const week = readWeek(text);
    if (!week) return null;
    const windows = toWindows(week.minutes, week.overnight);
    return windows.length ? { windows, text: text.trim() } : null;
  } catch (e) {
    if (e instanceof Unreadable) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Words

const HEDGES = new Set(
  (
    'unless if maybe perhaps possibly possible probably might sometimes usually normally generally mostly often occasionally ' +
    'depends depending depend varies vary varying variable changes changing shift shifts rota check confirm confirmed tbc tba ' +
    'unsure unclear alternate alternating fortnight fortnightly other next tomorrow today tonight yesterday holiday holidays ' +
    'term school nursery college ish around about approx approximately roughly circa earliest latest asap half quarter past ' +
    'this week weeks month months date dates first last second third just except_when not_only twelve_am outside count_times ' +
    'victim_calls in_days provided providing assuming should could currently presently temporary temporarily ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(/\s+/),
);
// "may" is a hedge ("may be home") as well as a month.

/** Words that carry no time and no sense: verbs of calling, the victim, politeness, reporting. */
const FILLER = new Set(
  (
    'call calls calling called ring rings ringing rang phone phoned phoning phones contact contacted contacting contactable ' +
    'speak speaking spoken talk talking reach reached reachable get hold of back answer answers answering pick up ' +
    'her she shes him victim vic ip aggrieved client caller ' +
    'the a an to on at in is are be being been it its ok okay fine safe safest safely best good better great ideal ideally ' +
    'only please pls can would will shall time times any available free try ' +
    'preferably preferred prefer prefers preference happy for of states stated says said advises advised advise ' +
    'reports reported requests requested request asks asked wants wanted would like likes has have that ' +
    'officer officers also then there via every up at_all'
  ).split(/\s+/),
);
/**
 * Words that start an explanation ("as he is home then", "when he is at work"). Skipped — but only after a part
 * that already names clock times (or, in a part to avoid, anything): "Weekdays when he is at work" is a condition,
 * not a reason, and gives nothing; so do safe times beside one unless their days and am/pm are written (readWeek).
 */
const EXPLAIN = new Set('as because cos coz since so when while whilst'.split(' '));
/** Words of a reason that may put him there ("or on leave", "while he is off", "as he is home"): beside safe times, not certain. */
const PRESENT_WORDS = new Set(
  'leave off sick home furlough unemployed asleep sleeps sleeping bed back in there up awake drunk with kids children has have got gets comes come'.split(
    ' ',
  ),
);
/** Words that turn a reason round ("when he is at work but he is off sick"): inside an explanation, nothing is certain. */
const CAVEATS = new Set('but although though however yet except except_when whereas'.split(' '));
/** Channels other than a call: a part about them says nothing certain about calling times. */
const OTHER_CHANNELS = new Set(
  'text texts texting texted sms message messages messaging msg msgs voicemail voicemails vm email emails letter letters post whatsapp video facetime'.split(
    ' ',
  ),
);
/**
 * A condition after "any time" / "whenever": who or what it is about ("whenever she can", "any time it is safe"), or
 * the condition itself ("whenever safe", "any time convenient").
 */
const CONDITION_SUBJECTS = new Set(
  'she shes her it its he hes they theyre that victim vic ip client there you we i safe free available convenient suitable'.split(' '),
);
/**
 * Words that say hours are wanted without making a part positive ("any time but after 6pm is preferred", "..., but
 * after 6pm she can talk"): in a part to avoid, or in a reason, they turn its sense round. Not certain.
 */
const WANTED = new Set(
  'preferred preference prefer prefers preferably ideal ideally great like likes liked requested request requests wants wanted talk talking speak speaking suits suit suitable convenient'.split(
    ' ',
  ),
);
/**
 * The only words a reason may be made of (session 48: two reviews found reasons that hedge, end, or say when in words
 * no deny-list held: "at work she thinks", "at court", "in hospital", "till tea", "aside from rest days", "in class").
 * A reason says who is where as a standing fact: he is at work, out, away, at the gym, at his mum's; or, beside times
 * to avoid, that he is home, in, back, there, with the kids. Any other word: the reason is not read, nor the note.
 */
const REASON_WORDS = new Set(
  (
    'he hes hell him his she shes her they theyre them their suspect susp perp perpetrator partner ex expartner husband ' +
    'hubby boyfriend bf wife girlfriend gf fiance fiancee dad father mum mother kids children child son daughter ' +
    'is are be will s has have got gets comes come back works working work ' +
    'at in on to from the a an then there away home with ' +
    'job office site mums mothers parents ' +
    'off ip vic victim that its it full time sister sisters nan nans brother brothers ' +
    'asleep sleeps sleeping bed drunk up awake'
  ).split(' '),
);
/** Words that make a part positive ("weekends fine"). */
const POSITIVE = new Set(
  'fine ok okay safe safest good best better available free happy only preferably ideally prefer prefers must'.split(' '),
);
/**
 * Which phone: "don't call the landline, mobile after 6pm" ties the times to one phone. Lantern reads "mobile" or
 * "number" only in a note with no negative and no other phone named.
 */
const PHONE_WORDS = new Set('mobile mobiles number numbers landline landlines phones'.split(' '));
const NEGATIONS = new Set(['not', 'dont', 'never', 'avoid', 'no', 'unsafe', 'nor']);
/** Verbs that, after a finished negative part, begin a positive one ("don't call after 6pm, call before 9am"). */
const CALL_VERBS = new Set(['call', 'ring', 'phone', 'contact']);

const DAY_WORDS: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  mondays: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  tuesdays: 'tue',
  wed: 'wed',
  weds: 'wed',
  wednesday: 'wed',
  wednesdays: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  thursdays: 'thu',
  fri: 'fri',
  friday: 'fri',
  fridays: 'fri',
  sat: 'sat',
  saturday: 'sat',
  saturdays: 'sat',
  sun: 'sun',
  sunday: 'sun',
  sundays: 'sun',
};
const DAY_SETS: Record<string, Weekday[]> = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
  everyday: [...WEEKDAYS],
};
const PERIODS: Record<string, Period> = {
  morning: 'morning',
  mornings: 'morning',
  afternoon: 'afternoon',
  afternoons: 'afternoon',
  evening: 'evening',
  evenings: 'evening',
  night: 'night',
  nights: 'night',
  lunch: 'lunch',
  daytime: 'daytime',
};
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
};

/** Spellings folded to one word before reading, longest first where they overlap. */
const PHRASES: Array<[RegExp, string]> = [
  // "Call in 7 days", "ring back within 24 hours": when to follow up, not a time of day (before "7 days" = every day).
  [
    /\b(?:in|within|after|for)\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|a\s+few|couple\s+of|a\s+couple\s+of)\s+(?:days?|hours?|hrs?|weeks?|mins?|minutes?)\b/g,
    ' in_days ',
  ],
  // "She will ring back after 6pm", "IP to call": the victim calling the hub, not when the hub may call her.
  [
    /\b(?:she|shell|victim|vic|ip|client)\s+(?:will|shall|would|is\s+going\s+to|going\s+to|to|may|can|could)\s+(?:call|ring|phone|contact|text|get\s+in\s+touch|make\s+contact)\b|\bshell\s+(?:call|ring|phone|contact|text)\b/g,
    ' victim_calls ',
  ],
  // "After 6pm for the time being", "at times after 6pm": for now, or now and then: not a standing rule.
  [/\bfor\s+the\s+time\s+being\b|\bat\s+times\b|\bfor\s+a\s+while\b/g, ' unsure '],
  // Shorthand: "wkdays", "wkends", "M-F", "btwn"; "under no circumstances", "at no time" (= never).
  [/\bwk\s*-?\s*days?\b/g, ' weekdays '],
  [/\bwk\s*-?\s*ends?\b/g, ' weekends '],
  [/\bm\s*-\s*f\b/g, ' mon-fri '],
  [/\bbtwn\b/g, ' between '],
  [/\bunder\s+no\s+circumstances\b|\bat\s+no\s+time\b/g, ' never '],
  // A form's labels: "Safe times: after 6pm", "Times to avoid: after 5pm", "Unsafe times: weekends".
  // A label starts a part of its own ("Safe times: never Avoid: after 6pm" is two fields pasted on one line); one
  // followed by a negative ("Unsafe times: not before 10am") is a double negative: not certain.
  [/\b(?:times?\s+to\s+avoid|unsafe\s+times?|avoid)\s*:\s*(?:not|no|never|dont|do\s+not)\b/g, ' unsure '],
  [/\b(?:times?\s+to\s+avoid|unsafe\s+times?|avoid)\s*:/g, ' . avoid '],
  [/\bsafe\s+(?:times?|hours)\s*:/g, ' . '],
  // "as long as he has left for work": a condition, not a reason.
  [/\b(?:as|so)\s+long\s+as\b/g, ' unless '],
  // "6 p.m." keeps its last dot as a possible sentence end ("Don't call after 8 p.m. Weekdays 10-2").
  [/(\d)\s*([ap])\.\s?m\.(?=\s*(?:to\b|-|and\b|till?\b|until\b|on\b|at\b|or\b|,|\)|$))/g, '$1$2m'],
  [/(\d)\s*a\.\s?m\./g, '$1am.'],
  [/(\d)\s*p\.\s?m\./g, '$1pm.'],
  [/(\d{1,2}[:.]\d{2})\s*(?:hrs|hours|hr|h)\b/g, '$1'],
  [/\bseven\s+days(?:\s+a\s+week)?\b/g, ' everyday '],
  [/(\d)\s*a\.?\s?m\b/g, '$1am'],
  [/(\d)\s*p\.?\s?m\b/g, '$1pm'],
  [/\ba\.m\.?|\bp\.m\.?/g, ' ampm '], // a meridiem with no clock time before it
  [/\b12\s*am\b/g, ' twelve_am '], // midnight to some, the small hours to others
  [/\bo\s?clock\b/g, ' oclock '],
  [/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=\s*(?:am|pm|oclock)\b)/g, '§$1'],
  // "Mon.-Fri.": the dots of a range written with abbreviated days; a dot after a range's end alone ("Don't call
  // Mon-Fri. After 6pm weekends") ends a sentence: joined to the next, the part to avoid took in what follows.
  [
    /\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.(\s*(?:-|to\b)\s*)(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\./g,
    '$1$2$3',
  ],
  // The dot of an abbreviated day before a range or list; elsewhere it may end a sentence ("Avoid Sun.").
  [/\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.(?=\s*(?:-|to\b|,|\/|and\b))/g, '$1'],
  [/\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.(?=\s*$)/g, '$1'],
  [/\b(do|does|did|must|should|can|could|will|would)\s+not\b/g, ' dont '],
  [/\b(dont|doesnt|didnt|mustnt|shouldnt|cant|cannot|wont|wouldnt|couldnt|isnt|arent)\b/g, ' dont '],
  [/\b(?:not|no)\s+(?:only|just)\b/g, ' not_only '],
  [/\b(?:home|house|work|office|landline)\s*(?:phone|number|tel|telephone)\b|\bhouse\s*phone\b/g, ' landline '],
  // "on nights", "works nights", "IP nights": a shift pattern, context rather than a time to call.
  [/\bon\s+nights?\b|\bnight\s*shifts?\b|\bworks?\s+nights?\b|\bnights\b/g, ' shift '],
  // "when he's on earlies", "as he is on days": a rota; in its other weeks he is home at those hours.
  [/\bon\s+(?:days|earlies|lates|early\s+shifts?|late\s+shifts?|earlys)\b|\b(?:earlies|lates)\b/g, ' shift '],
  // "no voicemail", "do not leave a message", at the end of a sentence: about channels, never about times.
  [
    /\b(?:please\s+)?(?:(?:dont|do\s+not|never)\s+(?:leave|send|use)\s+(?:a\s+|any\s+)?|no\s+)(?:voicemails?|vm|messages?|msgs?|texts?|sms|letters?|post|emails?)(?=\s*(?:[.;,!\n]|$))/g,
    ' . ',
  ],
  // "Any time but no later than 9pm" means before 9pm, which the "any time but" reading (an exception) turns round;
  // "not earlier than 10am or later than 4pm" negates both bounds, which the rewrites below give to the first only.
  // Neither is read.
  [
    /\b(?:(?:at\s+)?any\s*time|whenever|any\s+day|every\s*day)\s*,?\s+(?:but|except|apart\s+from|other\s+than)\s+(?:not|no)\s+(?:later|earlier|after|before)\s+than\b/g,
    ' unsure ',
  ],
  [/\b(?:not|no)\s+(?:later|earlier|after|before)\s+than\b[^.;!?\n]*?\b(?:or|nor|and)\s+(?:later|earlier|after|before)\b/g, ' unsure '],
  [/\bnot\s+(?:later|after)\s+than\b/g, ' before '],
  [/\bno\s+later\s+than\b/g, ' before '],
  [/\b(?:not|no)\s+earlier\s+than\b/g, ' after '],
  [/\bearlier\s+than\b/g, ' before '],
  [/\blater\s+than\b/g, ' after '],
  // "Do not call outside these times" restates the times before it.
  [
    /\b(?:dont|never|no)\s+(?:\w+\s+){0,3}?outside\s+(?:of\s+)?(?:these|those|the\s+above|the\s+stated|the\s+said)\s+(?:times|hours)\b/g,
    ' . ',
  ],
  [/\bexcept\s+(?:when|if|for\s+when|while|whilst)\b/g, ' except_when '],
  [/\b(?:apart\s+from|other\s+than|except\s+for|excluding|except\s+on|bar)\b/g, ' except '],
  [/\bduring\s+the\s+day\b|\bday\s*-?\s*times?\b/g, ' daytime '], // before "any day": "any day time" is daytime
  [/\b24\s*\/\s*7\b|\b24\s*hours?\s*(?:a\s+day)?\b|\bround the clock\b/g, ' anytime '],
  [/\b(?:at\s+)?any\s*time\b|\ball\s+day\b|\bwhenever\b|\bany\s+hour\b/g, ' anytime '],
  [/\bany\s+day\s+of\s+the\s+week\b|\b7\s+days(?:\s+a\s+week)?\b|\bevery\s*day\b|\bany\s+day\b|\bdaily\b|\ball\s+week\b/g, ' everyday '],
  [/\bweek\s*-?\s*days?\b/g, ' weekdays '],
  [/\bweek\s*-?\s*ends?\b/g, ' weekends '],
  [/\bweek\s*-?\s*nights?\b/g, ' weeknights '],
  [/\bbetween\s+the\s+hours\s+of\b/g, ' between '],
  [/\b(?:during\s+)?the\s+hours\s+of\b/g, ' '],
  [/\bat\s+all\b/g, ' at_all '],
  [/\b12\s*(?:noon|midday|mid-day)\b|\bmid-?\s?day\b|\bnoon\b/g, ' noon '],
  [/\b12\s*midnight\b|\bmidnight\b/g, ' midnight '],
  [/\blunch\s*-?\s*times?\b|\blunch\s*breaks?\b|\blunch\b/g, ' lunch '],
  [/\b(?:in\s+the\s+)?(mornings?|afternoons?|evenings?)\b/g, ' $1 '],
  [/\bat\s+nights?\b|\bnight\s*-?\s*times?\b|\bover\s*night\b/g, ' night '],
  [/\b(?:up\s+)?(?:until|untill|till|til|up\s+to|up\s+till)\b/g, ' until '],
  [/\b(?:onwards?|on\s+wards|or\s+later|and\s+later)\b/g, ' onwards '],
  [/\b(?:through|thru)\b/g, ' to '],
  [/\bnot\s+safe\b/g, ' unsafe '],
];

function normalise(text: string): string {
  // "after 6 p.m. On weekends 10am-2pm": a capital after "a.m."/"p.m." starts a sentence; lower-cased, "on" would read as
  // the time's own ("6 p.m. on weekends") and join the two parts. A small letter after it goes on the same sentence
  // ("2-4 p.m. weekdays"). Not in a note written in capitals throughout (the dot decides as below).
  let t = text.normalize('NFKC');
  if (/\p{Ll}/u.test(t))
    t = t.replace(/(\d)\s*([aApP])\.\s?[mM]\.(?=\s+\p{Lu})/gu, '$1$2m.').replace(/(\d)\s*([aApP])\.\s?[mM]\.(?=\s+\p{Ll})/gu, '$1$2m');
  t = t.toLowerCase();
  t = t
    .replace(/[‘’`´']/g, '')
    // "~6pm" is "about 6pm": a hedge, not a dash.
    .replace(/~/g, ' approx ')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/[“”"]/g, ' ');
  t = t.replace(/&|\+/g, ' and ');
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  // "Call up to 3 times": a count, not a clock time.
  t = t.replace(/\b\d+\s*(?:times|x)\b/g, ' count_times ');
  // Number words only as clock times ("six pm", "six o'clock"): "ten to six" is a moment, not a range.
  t = t.replace(/§(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)/g, (_m, w: string) => NUMBER_WORDS[w]);
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

const LEX =
  /(\d{1,2})([:.])(\d{2})\s*(am|pm)?(?![\d:.]\d)|(\d+)\s*(am|pm)\b|(\d+)\s*oclock\b|(\d{4})\s*(?:hrs|hours|hr|h)\b|(\d+)|([a-z_]+)|([.;!?\n\r])|([,:])|([()[\]{}])|(-)|(\/)|(\S)/g;

function lex(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(LEX)) {
    if (m[1] !== undefined) {
      const mer = (m[4] as Meridiem) ?? null;
      // "9.30" is a time; "01.09" or "12.08" may be a date: with a dot and no am/pm, only quarter hours are read.
      if (m[2] === '.' && !mer && !['00', '15', '30', '45'].includes(m[3])) unreadable();
      // "09:30", "18:00": a leading zero or an hour past 12 is the 24-hour clock. "10.00", "6.00", "9:30" may be
      // either: officers write "don't call 6.00-10.00" for the evening as often as "10:00-12:00" for the morning.
      const t = clock(Number(m[1]), Number(m[3]), mer, m[1].startsWith('0'));
      out.push({ k: 'time', t: { ...t, clockLike: m[2] === ':' || !!mer, ...(m[1].length === 2 && !mer ? { hhmm: true } : {}) } });
    } else if (m[5] !== undefined) {
      if (m[5].length > 2) unreadable();
      out.push({ k: 'time', t: clock(Number(m[5]), 0, m[6] as Meridiem, false) });
    } else if (m[7] !== undefined) {
      if (m[7].length > 2) unreadable();
      out.push({ k: 'time', t: { ...clock(Number(m[7]), 0, null, false), bare: true } });
    } else if (m[8] !== undefined) out.push({ k: 'time', t: clock24(m[8]) });
    else if (m[9] !== undefined) {
      const d = m[9];
      if (d.length === 4) out.push({ k: 'time', t: clock24(d) });
      // A lone "08" or "15" beside another number is more likely a date ("12-08") than a clock time.
      else if (d.length <= 2 && !(d.length === 2 && d[0] === '0'))
        out.push({ k: 'time', t: { ...clock(Number(d), 0, null, false), bare: true } });
      else unreadable();
    } else if (m[10] !== undefined) {
      const w = m[10];
      if (w === 'noon') out.push({ k: 'time', t: { h: 12, m: 0, mer: null, fixed: true } });
      else if (w === 'midnight') out.push({ k: 'time', t: { h: 0, m: 0, mer: null, fixed: true, midnight: true } });
      else if (DAY_WORDS[w]) out.push({ k: 'day', days: [DAY_WORDS[w]], set: false });
      else if (DAY_SETS[w]) out.push({ k: 'day', days: DAY_SETS[w], set: true });
      else if (PERIODS[w]) out.push({ k: 'period', p: PERIODS[w] });
      else if (w === 'am' || w === 'pm' || w === 'ampm')
        unreadable(); // a meridiem with no number before it
      else if (NUMBER_WORDS[w])
        unreadable(); // "as he goes out at eight": a time in words, even in an explanation
      else out.push({ k: 'word', w });
    } else if (m[11] !== undefined) out.push({ k: 'sep', s: 'sentence' });
    else if (m[12] !== undefined) out.push({ k: 'sep', s: 'comma' });
    else if (m[13] !== undefined) out.push({ k: 'sep', s: 'bracket' });
    else if (m[14] !== undefined) out.push({ k: 'sep', s: 'dash' });
    else if (m[15] !== undefined) out.push({ k: 'sep', s: 'slash' });
    else unreadable(); // any other symbol
  }
  // "10:00-12:00", "between 10.00 and 14.00": a range whose two ends are both written with a two-digit hour and
  // minutes is the 24-hour clock (10:00 to noon). With a one-digit end ("6.00-10.00", "7.30 and 10.00") or alone
  // ("after 10.00") the writer uses the 12-hour clock, and "10.00" may be the evening.
  const rangeJoin = (t: Token | undefined): boolean =>
    (t?.k === 'sep' && t.s === 'dash') || (t?.k === 'word' && ['to', 'until', 'and'].includes(t.w));
  const hhmm = (t: Token | undefined): t is { k: 'time'; t: ClockTime } => t?.k === 'time' && !!t.t.hhmm;
  for (let i = 0; i < out.length; i++) {
    const tok = out[i];
    if (!hhmm(tok) || tok.t.fixed) continue;
    const paired = (rangeJoin(out[i + 1]) && hhmm(out[i + 2])) || (rangeJoin(out[i - 1]) && hhmm(out[i - 2]));
    if (paired) tok.t = { ...tok.t, fixed: true, paired: true };
  }
  return out;
}

function clock24(d: string): ClockTime {
  const h = Number(d.slice(0, 2));
  const m = Number(d.slice(2));
  if (h > 24 || m > 59 || (h === 24 && m > 0)) unreadable();
  return h === 24 || (h === 0 && m === 0 && false)
    ? { h: 0, m: 0, mer: null, fixed: true, midnight: true }
    : { h, m, mer: null, fixed: true, clockLike: true };
}

function clock(h: number, m: number, mer: Meridiem | null, leadingZero: boolean): ClockTime {
  if (m > 59) unreadable();
  if (mer) {
    if (h < 1 || h > 12) unreadable();
    // "12:00am", "12.30am": like "12am", midnight to some and noon to others ("9am-12:00am").
    if (h === 12 && mer === 'am') unreadable();
    // "12pm" closes ranges as often as midnight ("6-12pm") as noon: read it like a bare 12 (noon, or midnight).
    if (h === 12 && mer === 'pm') return { h: 12, m, mer: null, fixed: false, clockLike: true };
    return { h: (h % 12) + (mer === 'pm' ? 12 : 0), m, mer, fixed: true, clockLike: true };
  }
  if (h > 24 || (h === 24 && m > 0)) unreadable();
  if (h === 24) return { h: 0, m: 0, mer: null, fixed: true, midnight: true };
  // 13-23, 0 and a leading zero ("09:30") are 24-hour clock. 12 alone is noon or midnight ("6pm-12").
  return { h, m, mer: null, fixed: h !== 12 && (leadingZero || h === 0 || h >= 13) };
}

/** The readings of a clock time, in minutes after midnight. */
function readings(t: ClockTime): number[] {
  if (t.fixed) return [t.h * 60 + t.m];
  if (t.h === 12) return [12 * 60 + t.m, t.m];
  return [t.h * 60 + t.m, (t.h + 12) * 60 + t.m];
}

// ---------------------------------------------------------------------------------------------------------------
// Segments and groups

interface Interval {
  from: number;
  /** Exclusive; may be less than from (past midnight); 1440 = midnight. */
  to: number;
  /** Read from "after X" or "before X" alone: the other end is open until a bound on that side closes it. */
  open?: 'after' | 'before';
  /** "any time": replaced by a time named right after it ("any time Monday to Friday before 8pm"). */
  any?: true;
  /** A lone hour read without am/pm ("after 6"): fine alone, not beside a bound on the other side. */
  guessed?: true;
  /**
   * "after 5pm and before 9am": two bounds read as one range past midnight. Every day, the same minutes either way;
   * on named days, the evening's night or the day's own morning ("weekdays": Saturday 00:00-09:00, or Monday's)?
   */
  boundsNight?: true;
  /**
   * Both ends bare, read as the day because the other reading fell outside 06:00-22:00: `evening` when that reading
   * was an evening ("9-11": 21:00-23:00), `small-hours` when it was the early hours ("1-3": 01:00-03:00). Beside an
   * evening or a night the note names, that other reading is as likely (readWeek).
   */
  otherReading?: 'evening' | 'small-hours';
  /**
   * To avoid, a bare range with a reading left out that the kept one does not cover (the night from midnight in
   * "don't call 12-2"): beside a reason ("as he's back from the pub") that reading is as likely (parseSegments).
   */
  otherAvoided?: true;
}
interface Group {
  days: Set<Weekday> | null;
  /** "weekdays 9-12 and 2-4": a time range joined by "and" keeps the days of the group before it. */
  inheritedFrom: Group | null;
  times: Interval[] | null;
  periods: Set<Period>;
  /** How the days were named: "weekdays"/"weekends"/"every day" tokens and single days. */
  daySets: number;
  /** Single days, ranges included ("Mon-Fri" counts here and in dayRanges). */
  singleDays: number;
  dayRanges: number;
  /** The group said "only". */
  only?: boolean;
  /** "After 6pm, weekends": days after a comma narrow the times only with "only" ("after 6pm, weekdays only"). */
  needsOnly?: boolean;
  /** Days listed with a comma or "or" ("Saturday, or Friday"): to avoid, times after them may go with the last only. */
  looseDays?: boolean;
}
interface Segment {
  negative: boolean;
  /** "don't call ...", "avoid ...": the negative is about calling, so it covers days and times together. */
  verb?: boolean;
  /** The part mentions texts, voicemail or email: its times may not be about calls. */
  otherChannel: boolean;
  /** How it was joined to the one before: "but", "except", or a sentence end / start. */
  join: 'start' | 'but' | 'except' | 'sentence';
  /** Follows "any time but" / "any day but": an exception, read as a part to avoid. */
  anyBut?: boolean;
  /** A reason was skipped in it ("as he is at work then"). */
  explained?: boolean;
  /** A clock time in it was written without am/pm ("2-4", "after 10"). */
  bareTimes?: boolean;
  groups: Group[];
}

function readWeek(text: string): { minutes: Uint8Array; overnight: boolean } | null {
  // "Any time?", "After 6pm? Not Fridays.": a question is the officer unsure, a hedge like "maybe".
  if (text.includes('?')) return null;
  const tokens = lex(normalise(text));
  const words = tokens.flatMap((t) => (t.k === 'word' ? [t.w] : []));
  if (words.some((w) => HEDGES.has(w))) return null;
  const phones = new Set(words.filter((w) => PHONE_WORDS.has(w)));
  if (
    phones.size &&
    (phones.size > 1 ||
      ![...phones].every((w) => w === 'mobile' || w === 'number') ||
      words.some((w) => NEGATIONS.has(w) || w === 'except'))
  )
    return null;
  // "Don't call after 6pm on Fridays or at all on Sundays": "at all" makes a rule of its own of what follows (Sunday,
  // all day) beside a time; read as one list, Sunday until 6pm would be offered. Alone ("not at all on Sundays"), read.
  if (words.includes('at_all') && tokens.some((t) => t.k === 'time')) return null;
  const segments = parseSegments(tokens);
  let overnight = false;
  let night = false;

  let week: Uint8Array | null = null;
  let prev: Segment | null = null;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const set = segmentMinutes(seg);
    if (set.overnight && !seg.negative) overnight = true;
    if (set.night && !seg.negative) night = true;
    if (!set.minutes) {
      if (seg.join === 'except') return null; // "except" with nothing after it
      if (seg.negative) {
        // "Never call except weekends": a bare negative is everything, turned round by the "except" after it.
        if (segments[i + 1]?.join === 'except') {
          if (week) return null;
          week = new Uint8Array(WEEK);
          prev = seg;
          continue;
        }
        // "Do not text her" says nothing about calling times; "don't call, text only" forbids every call (the times
        // after it are for texts); "after 6pm is not safe", "weekends - no", "not when he is home" put a negative
        // after what it denies, or deny a condition: nothing is certain.
        if (seg.otherChannel && !seg.verb) continue;
        return null;
      }
      // "Text only. After 6pm", "email first": a part about another channel with no times may restrict how she is
      // contacted, which times cannot say.
      if (seg.otherChannel) return null;
      continue; // "ok to call her": says nothing about time
    }
    if (seg.otherChannel) return null; // "text any time", "voicemail ok after 6pm": not call times
    // "Never except weekends. After 6pm.", "Do not call except Saturdays. After 10am.": after "never ... except" (an
    // "only"), a new positive sentence may narrow the exception (weekends, after 6pm) or add to it; read as an
    // addition it offered the whole days or evenings the officer ruled out. Not certain.
    if (!seg.negative && seg.join === 'sentence' && segments.slice(0, i).some((x) => x.join === 'except' && !x.negative)) return null;
    if (!week) {
      week = seg.negative ? new Uint8Array(WEEK).fill(1) : new Uint8Array(WEEK);
    } else if (!seg.negative && prev && !prev.negative && seg.join === 'but') {
      // After anything narrower than "any time", "but" may add or override ("weekdays after 6pm but after 8pm on
      // Fridays"): not certain.
      return null;
    } else if (!seg.negative && prev?.negative) {
      if (seg.join !== 'but' && seg.join !== 'except') return null;
      // "Never before 10am. Don't call after 6pm but weekends are fine": the exception answers its own part; giving
      // back whole days would also give back what an earlier part ruled out (weekends before 10am). Not certain.
      const before = segments.slice(0, segments.indexOf(prev));
      if (before.some((x) => x.groups.length)) return null;
      if (seg.join === 'but') {
        const negDaysOnly = prev.groups.every((g) => g.times === null);
        const negTimesOnly = prev.groups.every((g) => g.days === null);
        const posHasTimes = seg.groups.every((g) => g.times !== null);
        const posDaysOnly = seg.groups.every((g) => g.times === null);
        if (negDaysOnly && posHasTimes) {
          // "Never on weekends but weekdays after 6pm is fine", "never on Sunday but any day after 6pm": times for
          // the days left narrow them, when they name every day left ("not on Fridays but Saturday after 10am"
          // leaves Sunday unsaid: nothing).
          const left = WEEKDAYS.filter((_, d) => week?.subarray(d * 1440, (d + 1) * 1440).some((m) => m === 1));
          const named = new Set(seg.groups.flatMap((g) => (g.days ? [...g.days] : [...WEEKDAYS])));
          if (!left.every((d) => named.has(d))) return null;
          for (let k = 0; k < WEEK; k++) week[k] = week[k] && set.minutes[k] ? 1 : 0;
          prev = seg;
          continue;
        }
        // "Don't call after 6 but weekends are fine": whole days back, an exception to the negative; anything
        // else ("don't call after 8pm but weekends after 10am is ok", "don't call Mondays but Tuesdays are fine")
        // is not certain.
        if (!(negTimesOnly && posDaysOnly)) return null;
      }
    }
    // "After 6pm, no before 9am", "Weekdays 10-2, not after 6pm": a part to avoid after the safe times that takes none
    // of them away is a correction ("no — before 9am") as often as emphasis, and read as emphasis the correction's
    // hours would be offered. Not certain.
    if (seg.negative && prev && !prev.negative && !week.some((m, k) => m === 1 && set.minutes?.[k] === 1)) return null;
    for (let k = 0; k < WEEK; k++) if (set.minutes[k]) week[k] = seg.negative ? 0 : 1;
    prev = seg;
  }
  // "10pm-2am, not weekends": is Sunday 00:00-02:00 part of Saturday night? Nights and exclusions together: nothing.
  // So is a night written as two bounds ("after 10pm or before 2am, not weekends").
  if ((overnight || night) && segments.some((x) => x.negative && x.groups.length)) return null;
  // The whole week only from a note that says so ("any time", "every day"): "call after 10 or before 6" does not.
  if (week?.every((m) => m === 1) && !words.some((w) => w === 'anytime') && !tokens.some((t) => t.k === 'day' && t.days.length === 7))
    return null;
  return week ? { minutes: week, overnight } : null;
}

function parseSegments(tokens: Token[]): Segment[] {
  const segments: Segment[] = [];
  let seg: Segment = { negative: false, otherChannel: false, join: 'start', groups: [] };
  let explaining = false;
  let bracketOpen = false;
  let builder = new GroupBuilder(seg);
  const start = (join: Segment['join'], negative: boolean) => {
    builder.finish();
    // A reason beside safe times may be a condition that narrows them ("9-3 while he is at work": on the days he
    // works) or may say which half of the day a bare hour is ("after 10 as he is asleep then"): read only when the
    // part names its days and writes every time with am/pm or on the 24-hour clock. Beside a part to avoid, a reason
    // can only make the avoided time larger than read, which is the safe side.
    if (seg.explained && !seg.negative && (seg.bareTimes || seg.groups.some((g) => g.days === null && !g.inheritedFrom?.days)))
      unreadable();
    // A reason beside an open bound says when the bound's other end is ("Mon-Fri after 9am as he is at work": until he
    // comes home; "Thursdays after 7pm when he's at football": for as long as the match) without saying it: read, the
    // window would run to midnight (or from it), into the hours he is back. Not certain.
    if (seg.explained && !seg.negative && seg.groups.some((g) => g.times?.some((t) => t.open))) unreadable();
    // "Don't call 12-2 as he's back from the pub", "Avoid 12-8 as he is asleep then": a reason beside a range to avoid
    // that has another reading (the night) may be about that one; partners may call outside the hub's day. Not certain.
    if (seg.explained && seg.negative && seg.groups.some((g) => g.times?.some((t) => t.otherAvoided))) unreadable();
    if (seg.groups.length || seg.negative || seg.join === 'except' || seg.otherChannel) segments.push(seg);
    seg = { negative, otherChannel: false, join, groups: [] };
    builder = new GroupBuilder(seg);
    explaining = false;
  };

  /**
   * A time phrase from token i, noting any clock time in it without am/pm; returns its last token's index. A bare end
   * of a range whose other end is written with am/pm or on the 24-hour clock ("2-4pm") has one reading (range: the
   * other is over twelve hours), so it says which half of the day it is as surely as the written end.
   */
  const timePhrase = (i: number): number => {
    const end = builder.timePhrase(tokens, i);
    const times = tokens.slice(i, end + 1).flatMap((t) => (t.k === 'time' ? [t.t] : []));
    const settledByItsPair = times.length === 2 && times.some((t) => t.fixed && !t.paired);
    if (!settledByItsPair && times.some((t) => !t.fixed)) seg.bareTimes = true;
    return end;
  };

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.k === 'sep' && tok.s === 'bracket') {
      // "After 6pm (Mon-Fri)", "after 6pm (not Fridays)": brackets add to what is before them; they end an
      // explanation. Opened inside a part to avoid ("no calls before 10am (weekends 10am-2pm)"), what they hold may be
      // more to avoid or the safe times: not certain.
      bracketOpen = !bracketOpen;
      if (bracketOpen && seg.negative && builder.hasContent()) return unreadable();
      explaining = false;
      continue;
    }
    if (tok.k === 'sep' && tok.s !== 'slash') {
      // "Don't call - after 6pm", "No, weekends": avoid those times, or "not now; after 6pm"? The two are opposite.
      if (seg.negative && !builder.hasContent() && tok.s !== 'sentence' && namesTimeBeforeSentenceEnd(tokens, i + 1)) return unreadable();
      // A dash left here joined no range: it separates, like a comma. A comma ends an explanation but keeps the
      // sense ("Call weekdays, after 6pm"); a sentence end also turns a negative part back to positive.
      if (tok.s === 'sentence' && (seg.negative || seg.join === 'except' || seg.otherChannel)) start('sentence', false);
      explaining = false;
      builder.separator(tok.s === 'sentence');
      continue;
    }
    if (explaining) {
      // An explanation may say why, never when (a day, time or period inside it could be the real rule), and only in
      // the words of a standing reason (REASON_WORDS). None of them is a negation, a positive or wanting
      // word, another channel, a caveat ("but", "except"), a hedge ("most", "should", "she thinks", "soon"), "any
      // time", or "and"/"or": a reason with a sense of its own ("except at weekends when any time is fine"), one a caveat
      // undoes ("when he is at work but he is off sick"), a hedged one, or a second condition ("as he is home then and
      // on his days off": beside a part to avoid it adds hours the note does not give) is refused by that alone.
      if (tok.k !== 'word' || !REASON_WORDS.has(tok.w)) return unreadable();
      // Beside safe times, a reason that may have him there ("when he is at work or on leave", "while he is off", "as
      // he is home") undoes itself: not certain.
      if (!seg.negative && PRESENT_WORDS.has(tok.w)) return unreadable();
      continue;
    }
    if (tok.k === 'word') {
      const w = tok.w;
      if (OTHER_CHANNELS.has(w)) {
        seg.otherChannel = true;
        continue;
      }
      if (w === 'but') {
        // "After 6pm but" and nothing more: a caveat cut short (the note was truncated, or the officer stopped).
        const rest = tokens.slice(i + 1).find((t) => !(t.k === 'word' && FILLER.has(t.w)));
        if (!rest || (rest.k === 'sep' && rest.s === 'sentence')) return unreadable();
        // "after 10am but before 2pm": a bound after "but" closes the open one before it.
        const next = tokens.slice(i + 1).find((t) => !(t.k === 'word' && FILLER.has(t.w)));
        if (!seg.negative && builder.endsOpenAfter() && next?.k === 'word' && (next.w === 'before' || next.w === 'until')) continue;
        // "Any day but Sunday", "any time but weekends", "anytime but after 9pm": right after "any", "but" means
        // except. "Any day but only after 6pm", "any day but after 6pm": not certain.
        const kind = seg.negative ? null : builder.isEverything();
        const next1 = tokens[i + 1];
        const anyBut =
          (kind === 'time' &&
            (next1?.k === 'day' ||
              next1?.k === 'time' ||
              // "Any time but before 9pm" is as often "as long as it is before 9pm" as "except before 9pm": not read.
              (next1?.k === 'word' && ['after', 'between', 'from'].includes(next1.w)))) ||
          (kind === 'day' && next1?.k === 'day');
        if (kind && !anyBut && !(next1?.k === 'word' && NEGATIONS.has(next1.w))) return unreadable();
        start('but', anyBut);
        seg.anyBut = anyBut;
        continue;
      }
      if (w === 'except') {
        // "Any time except Sundays and except after 9pm", "anytime apart from 5-7pm and apart from Sundays": a second
        // "except" would turn the first one's part round, offering what both exclude. Not certain.
        if (seg.join === 'except' || seg.anyBut) return unreadable();
        start('except', !seg.negative);
        continue;
      }
      if (w === 'except_when') return unreadable();
      if (NEGATIONS.has(w)) {
        // "Weekends never, after 6pm", "after 6pm no, before 9am", "Sat & Sun not safe, 10am-2pm": a negative
        // after the days or times of a safe part denies them, not what follows. Read only when it leads what it
        // denies ("Call weekdays, not after 6pm") or ends the sentence ("Weekdays fine, weekends not").
        if (!seg.negative && builder.hasContent() && !negationLeads(tokens, i)) return unreadable();
        if (builder.hasContent() || seg.join === 'except') start('sentence', true);
        else seg.negative = true;
        if (w === 'avoid') seg.verb = true;
        continue;
      }
      if (EXPLAIN.has(w)) {
        // A reason after clock times ("2-4pm as he is at work") or after a part to avoid ("avoid 8-10 as he is
        // home then"); after days alone or "any time" it is a condition ("weekdays when he is at work").
        if (!(seg.negative ? builder.hasContent() : builder.hasClockTimes())) return unreadable();
        // "Don't call after 6pm or when he is home", "not weekends or when he is off": joined by "or"/"and", the
        // clause is more to avoid (or more safe times), at hours the note does not give — not a reason. Not certain.
        const before = previousMeaningful(tokens, i);
        if (before?.k === 'word' && (before.w === 'or' || before.w === 'and' || before.w === 'nor')) return unreadable();
        seg.explained = true;
        explaining = true;
        continue;
      }
      if ((CALL_VERBS.has(w) || w === 'calls' || w === 'calling') && seg.negative && !builder.hasContent()) seg.verb = true;
      // "Don't call weekends then after 6pm", "don't call after 9pm also weekends": more to avoid, or the safe times
      // after it? Opposite readings. Not certain.
      if ((w === 'then' || w === 'also') && seg.negative && builder.hasContent()) return unreadable();
      if (seg.negative) {
        // "Don't call after 6pm, weekends fine", "any time, but best after 6pm": a positive word in a negative part.
        if ((POSITIVE.has(w) || WANTED.has(w)) && (builder.hasContent() || seg.anyBut)) return unreadable();
        if (CALL_VERBS.has(w) && builder.hasContent()) {
          start('sentence', false);
          continue;
        }
      }
      if (w === 'and' || w === 'or' || w === 'nor') {
        builder.connector(w === 'and' ? 'and' : 'or');
        continue;
      }
      if (w === 'between' || w === 'from' || w === 'after' || w === 'before' || w === 'until') {
        i = timePhrase(i);
        continue;
      }
      if (w === 'anytime') {
        // "Whenever it's safe", "any time she is free", "any time that suits her": a condition, not every hour — the
        // opposite of "any time" alone. Nothing certain.
        const after = tokens[i + 1];
        if (after?.k === 'word' && CONDITION_SUBJECTS.has(after.w)) return unreadable();
        builder.addTimes([{ from: 0, to: 1440, any: true }]);
        continue;
      }
      if (w === 'only') builder.markOnly();
      if (FILLER.has(w) || PHONE_WORDS.has(w)) continue;
      return unreadable(); // a word we do not know
    }
    if (tok.k === 'sep') {
      if (!builder.lastWasDay() || tokens[i + 1]?.k !== 'day') return unreadable();
      continue; // "Mon/Wed"
    }
    if (tok.k === 'day') {
      i = builder.dayPhrase(tokens, i);
      continue;
    }
    if (tok.k === 'period') {
      builder.addPeriod(tok.p);
      continue;
    }
    i = timePhrase(i);
  }
  start('sentence', false);
  return segments;
}

/** The token before tokens[i], skipping filler words. */
function previousMeaningful(tokens: Token[], i: number): Token | undefined {
  let b = i - 1;
  while (b >= 0 && tokens[b].k === 'word' && FILLER.has((tokens[b] as { w: string }).w)) b--;
  return tokens[b];
}

/** Words that name a time without being one ("after", "any time"): what a time phrase starts with. */
const TIME_WORDS = ['after', 'before', 'between', 'from', 'until', 'anytime'];

/** Whether a token names a day, time or period, or starts a time phrase. */
function namesTime(t: Token): boolean {
  return t.k === 'time' || t.k === 'day' || t.k === 'period' || (t.k === 'word' && TIME_WORDS.includes(t.w));
}

/** Whether a day, time or period is named from tokens[j] to the end of its sentence. */
function namesTimeBeforeSentenceEnd(tokens: Token[], j: number): boolean {
  for (; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.k === 'sep' && t.s === 'sentence') return false;
    if (namesTime(t)) return true;
  }
  return false;
}

/**
 * Whether a negative at tokens[i], in a safe part that has named days or times, plainly goes with what follows it:
 * set off from what came before by a comma, dash, bracket or sentence end ("Call weekdays, not after 6pm", "after
 * 6pm (not Fridays)") and followed straight away by the days or times it denies. Also true when no day or time
 * follows in its sentence ("Weekdays fine, weekends not"), which readWeek refuses on its own.
 */
function negationLeads(tokens: Token[], i: number): boolean {
  const skip = (t: Token | undefined): boolean => t?.k === 'word' && FILLER.has(t.w);
  if (!namesTimeBeforeSentenceEnd(tokens, i + 1)) return true;
  let b = i - 1;
  while (b >= 0 && skip(tokens[b])) b--;
  const before = tokens[b];
  if (!(before?.k === 'sep' && before.s !== 'slash')) return false; // a comma, dash, bracket or sentence end
  let a = i + 1;
  while (a < tokens.length && skip(tokens[a])) a++;
  return !!tokens[a] && namesTime(tokens[a]);
}

/** Builds a segment's groups of days and times. */
class GroupBuilder {
  private g: Group | null = null;
  private last: 'days' | 'times' | null = null;
  private joined = false;
  /** The joining word, when joined: "after 10am and before 2pm" is one window, "before 9am or after 6pm" two. */
  private joinWord: 'and' | 'or' | null = null;
  /** A comma or sentence end since the last day or time. */
  private separated = false;
  /** A sentence end since the last day or time: "After 6pm. Weekends." may be one rule or two. */
  private sentenceBreak = false;

  constructor(private readonly seg: Segment) {}

  hasContent(): boolean {
    return this.seg.groups.length > 0 || (this.g !== null && (this.g.days !== null || this.g.times !== null || this.g.periods.size > 0));
  }
  /** Whether all that was named so far is the whole week: "any time" ('time'), "any day" ('day'), or not (null). */
  isEverything(): 'time' | 'day' | null {
    const groups = [...this.seg.groups, ...(this.g ? [this.g] : [])];
    if (groups.length !== 1) return null;
    const g = groups[0];
    if (g.times?.length === 1 && g.times[0].any && (g.days === null || g.days.size === 7)) return 'time';
    if (g.times === null && g.days?.size === 7) return 'day';
    return null;
  }
  /** Whether the last thing named is an open "after X" ("after 10am but before 2pm"). */
  endsOpenAfter(): boolean {
    const times = this.g?.times;
    return this.last === 'times' && times?.[times.length - 1]?.open === 'after';
  }
  /** Whether the current group names clock times (not "any time"). */
  hasClockTimes(): boolean {
    return !!this.g?.times?.some((t) => !t.any);
  }
  lastWasDay(): boolean {
    return this.last === 'days';
  }
  connector(word: 'and' | 'or'): void {
    this.joined = true;
    this.joinWord = word;
  }
  separator(sentence = false): void {
    this.separated = true;
    if (sentence) this.sentenceBreak = true;
  }
  /** Adding to the group before a sentence end ("Weekdays only. After 6pm.", "Mon only. Tue only."): not certain. */
  private sameGroupAcrossSentences(g: Group): void {
    if (this.sentenceBreak && g === this.g && (g.days || g.times)) unreadable();
    this.sentenceBreak = false;
  }
  finish(): void {
    const g = this.g;
    if (g) {
      if (g.needsOnly) unreadable();
      // "Weekends, weekdays after 6pm", "Weekdays, Saturdays 10-12": which days the times belong to is not certain.
      if (g.daySets > 1 || (g.daySets > 0 && g.singleDays > 0)) unreadable();
      this.seg.groups.push(g);
    }
    this.g = null;
    this.last = null;
  }
  private fresh(): Group {
    this.finish();
    this.g = { days: null, inheritedFrom: null, times: null, periods: new Set(), daySets: 0, singleDays: 0, dayRanges: 0 };
    return this.g;
  }
  /**
   * In a part to avoid (or after "except"), more after a comma may be a new, positive thought ("Don't call
   * weekends, weekdays 2-4pm"): only "or"/"and" may extend it.
   */
  private checkNegativeExtends(): void {
    if ((this.seg.negative || this.seg.join === 'except') && this.hasContent() && this.separated && !this.joined) unreadable();
  }

  /** `timesFollow`: the next thing named after these days is a time ("any time at weekends, weekdays after 6pm"). */
  addDays(days: Weekday[], set: boolean, timesFollow: boolean, range = false): void {
    this.checkNegativeExtends();
    this.checkNegativeAndMixes('days');
    let g = this.g ?? this.fresh();
    // "Mornings and Sat 2-4", "Evenings, weekends after 6": a period word alone, then other days with their own
    // times: every morning and Saturday afternoon, or Saturday mornings? Not certain.
    if (g.periods.size && !g.days && !g.times && (this.joined || this.separated)) unreadable();
    // "Sat night or Sun 10-2", "Mon evening and Wed 8-10": a period on one day, then another day with a bare range:
    // the period would choose that range's half of the day (Sunday 22:00–02:00). Not certain.
    if (g.periods.size && g.days && !g.times && (this.joined || this.separated)) unreadable();
    if (g.days && g.times && this.last === 'days') {
      // "9-11 Mon and Wed" lists on; after a comma, days with their own times start a new group, and days without
      // ("after 6pm on Mondays, and Wednesdays") may or may not share the times: not certain.
      if (this.separated && !timesFollow) unreadable();
      // "Any time Monday, Tuesday after 6pm": a list of days, or a new rule? Not certain.
      if (this.separated && !set && g.singleDays > 0) unreadable();
      if (this.separated) g = this.fresh();
    } else if (g.days && g.times) g = this.fresh();
    else if (!g.days && g.times && (this.joined || (g.inheritedFrom && this.separated))) g = this.fresh();
    // "Anytime, weekends after 10am only": days after a comma do not narrow "any time".
    else if (!g.days && g.times?.some((t) => t.any) && this.separated) g = this.fresh();
    // "any time between 10 and 2, or after 7pm on Sundays": do the days go with both times or the last?
    else if (!g.days && g.times && g.times.length > 1 && !g.inheritedFrom) unreadable();
    // "Mon after 6pm, Tue, Wed 2-4pm": after a group with its own times, a day set off by a comma before more days
    // with times may go with the times before it, after it, or all day. Not certain.
    if (g.days && !g.times && this.separated && !this.joined && this.seg.groups.some((x) => x.times)) unreadable();
    this.sameGroupAcrossSentences(g);
    if (!g.days && g.times && this.separated) g.needsOnly = true;
    if (g.days && !g.times && (this.separated || (this.joined && this.joinWord === 'or'))) g.looseDays = true;
    g.days ??= new Set();
    for (const d of days) g.days.add(d);
    if (set) g.daySets++;
    else g.singleDays++;
    if (range) g.dayRanges++;
    this.last = 'days';
    this.joined = false;
    this.separated = false;
  }

  /**
   * "Not weekends and 10am-2pm", "Not before 10am and weekdays", "Never Sundays and after 9pm": with no verb, a part
   * to avoid that joins days and times by "and" is "avoid both" or "not X; call at Y", opposite readings. Not certain.
   * ("Don't call Sundays and after 7pm", "No calls weekends and after 6pm": a verb says both are to avoid.)
   */
  private checkNegativeAndMixes(kind: 'days' | 'times'): void {
    // Times joined to times too ("Not after 6pm and 10am-2pm": avoid both, or "not after 6pm; call 10am-2pm"?).
    const other = kind === 'days' ? 'times' : 'days';
    const named = [...this.seg.groups, ...(this.g ? [this.g] : [])].some(
      (g) => g[other] !== null || (kind === 'times' && g.times !== null),
    );
    // After "except" or "any time but", "and" lists what is excepted ("any time except after 9pm and Sundays").
    if (this.seg.join === 'except' || this.seg.anyBut) return;
    if (this.seg.negative && !this.seg.verb && this.joined && this.joinWord === 'and' && named) unreadable();
  }

  addTimes(times: Interval[]): void {
    this.checkNegativeExtends();
    this.checkNegativeAndMixes('times');
    // "Any day except Sunday and after 6pm", "any day but Monday and 10am-2pm": after "except" (or "any day but"),
    // days joined to a time by "and"/"or" may go on the exception (every hour but those) or on "any day" (Monday to
    // Saturday, after 6pm), two opposite readings. Not certain.
    if ((this.seg.join === 'except' || this.seg.anyBut) && this.joined && this.g?.days && !this.g.times) unreadable();
    let g = this.g ?? this.fresh();
    if (g.times?.length === 1 && g.times[0].any && !this.joined && !this.separated && !times.some((t) => t.any)) {
      // "any time till 9": 9am or 9pm? A lone hour does not narrow "any time" with certainty.
      if (times.some((t) => t.guessed)) unreadable();
      g.times = [...times];
    } else {
      if (g.days && g.times && this.last === 'times' && this.joined) {
        const from = g;
        g = this.fresh();
        g.inheritedFrom = from;
      } else if (g.days && g.times && this.last !== 'times') g = this.fresh();
      else if (g.days && !g.times && this.joined) g = this.fresh();
      // Two time phrases with nothing between them ("after 6pm on 12-3", "2-4 till 6", "after 6pm 2-4"): the second is
      // as likely a date, or a correction of the first, as another window.
      if (g.times && this.last === 'times' && !this.joined && !this.separated) unreadable();
      // "Don't call Saturday, or Friday after 6pm", "no calls Sunday or Monday after 8pm": Saturday all day and
      // Friday after 6pm, or both after 6pm? Read as both, Saturday afternoon would be offered: nothing.
      if (g.looseDays && !g.times && (this.seg.negative || this.seg.join === 'except')) unreadable();
      this.sameGroupAcrossSentences(g);
      g.times ??= [];
      g.times.push(...times);
    }
    this.last = 'times';
    this.joined = false;
    this.separated = false;
  }

  /**
   * "after 10am and before 2pm" is one window (10:00-14:00); "before 9am or after 6pm" is two. A bound closes the
   * open bound on the other side just before it when together they make a window, whatever the joining word.
   */
  addBound(iv: Interval): void {
    const times = this.g?.times;
    const prev = this.last === 'times' && times ? times[times.length - 1] : undefined;
    if (prev?.open && iv.open && prev.open !== iv.open && (prev.guessed || iv.guessed)) {
      // "Call before 6 or after 10": 6pm and 10am, or 6am and 10pm? Beside each other lone hours are not certain.
      return unreadable();
    }
    if (prev?.open === 'before' && iv.open === 'after' && iv.from < prev.to && times && !(this.joined && this.joinWord === 'or')) {
      this.checkNegativeExtends();
      times.splice(times.length - 1, 1, { from: iv.from, to: prev.to });
      this.joined = false;
      this.separated = false;
      return;
    }
    this.addTimes([iv]);
  }

  markOnly(): void {
    if (this.g) {
      this.g.only = true;
      this.g.needsOnly = false;
    }
  }

  addPeriod(p: Period): void {
    const g = this.g ?? this.fresh();
    g.periods.add(p);
  }

  /** Day, "Tues-Thurs", "Mon to Fri": returns the index of the last token used. */
  dayPhrase(tokens: Token[], i: number): number {
    const a = tokens[i] as DayToken;
    const sep = tokens[i + 1];
    const b = tokens[i + 2];
    const isTo = sep && ((sep.k === 'sep' && sep.s === 'dash') || (sep.k === 'word' && (sep.w === 'to' || sep.w === 'until')));
    if (isTo && b?.k === 'day') {
      // "Mon-Wed-Fri": a list written with dashes, or a range? Not certain.
      const after = tokens[i + 3];
      if (after?.k === 'sep' && after.s === 'dash' && tokens[i + 4]?.k === 'day') return unreadable();
      return this.dayRange(a, b, i + 2, tokens);
    }
    this.addDays(a.days, a.set, timesFollow(tokens, i + 1));
    return i;
  }

  private dayRange(a: DayToken, b: DayToken, last: number, tokens: Token[]): number {
    if (a.set || b.set) return unreadable();
    const from = WEEKDAYS.indexOf(a.days[0]);
    const to = WEEKDAYS.indexOf(b.days[0]);
    if (from === to) return unreadable();
    const days: Weekday[] = [];
    for (let k = from; ; k = (k + 1) % 7) {
      days.push(WEEKDAYS[k]);
      if (k === to) break;
    }
    this.addDays(days, false, timesFollow(tokens, last + 1), true);
    return last;
  }

  /**
   * A time phrase starting at tokens[i]: "between A and B", "from A to B", "A-B", "A to B", "after A [until B]",
   * "from A", "A onwards", "before A", "until A". A clock time standing alone (a moment, not a window) is unreadable.
   */
  timePhrase(tokens: Token[], i: number): number {
    const word = (j: number): string | null => {
      const t = tokens[j];
      return t?.k === 'word' ? t.w : null;
    };
    const time = (j: number): ClockTime | null => {
      const t = tokens[j];
      return t?.k === 'time' ? t.t : null;
    };
    const isRangeJoin = (j: number, allowAnd: boolean): boolean => {
      const t = tokens[j];
      if (!t) return false;
      if (t.k === 'sep') return t.s === 'dash';
      return t.k === 'word' && (t.w === 'to' || t.w === 'until' || (allowAnd && t.w === 'and'));
    };
    const negative = this.seg.negative;
    /** "after 6pm till 9", "after 7pm and before 10": the end is read against the start, as in a range. */
    const closingBound = (j: number): number => {
      while (
        tokens[j] &&
        ((tokens[j].k === 'word' && ['and', 'but'].includes(word(j) ?? '')) ||
          (tokens[j].k === 'sep' && (tokens[j] as { s: string }).s === 'dash'))
      )
        j++;
      return (word(j) === 'until' || word(j) === 'before') && time(j + 1) ? j + 1 : -1;
    };
    const after = (a: ClockTime, next: number): number => {
      const end = closingBound(next);
      if (end >= 0) {
        // "after 6pm till 9" = 18:00-21:00, "after 10 till midnight" = 22:00-24:00: one end as written, the other
        // read against it. "after 6 till 11", "after 10 until 1": both bare, morning or evening: not certain.
        const b = time(end) as ClockTime;
        if (!a.fixed && !b.fixed) return unreadable();
        // To avoid, a bare end ("don't call after 6pm and before 9"): 18:00-21:00 read as a range, but 09:00 as often
        // meant (avoid the night, call 9 to 6), and the two leave opposite hours. As a bare "before" alone: nothing.
        if (negative && !b.fixed) return unreadable();
        const iv: Interval = range(a, b, this.hint(tokens, end + 1), negative);
        this.addTimes([word(end - 1) === 'before' && iv.to < iv.from ? { ...iv, boundsNight: true } : iv]);
        return end;
      }
      const onwards = word(next) === 'onwards';
      this.addBound({
        from: single(a, 'after', this.hint(tokens, onwards ? next + 1 : next), negative),
        to: 1440,
        open: 'after',
        ...(a.fixed ? {} : { guessed: true as const }),
      });
      return onwards ? next : next - 1;
    };
    const lead = word(i);
    if ((lead === 'between' || lead === 'from') && tokens[i + 1]?.k === 'day') {
      // "from Monday to Friday", "between Monday and Friday"
      if (!isRangeJoin(i + 2, lead === 'between') || tokens[i + 3]?.k !== 'day') return unreadable();
      return this.dayRange(tokens[i + 1] as DayToken, tokens[i + 3] as DayToken, i + 3, tokens);
    }
    if (lead === 'between' || lead === 'from') {
      const a = time(i + 1);
      if (!a) return unreadable();
      if (isRangeJoin(i + 2, lead === 'between') && time(i + 3)) {
        this.addTimes([range(a, time(i + 3) as ClockTime, this.hint(tokens, i + 4), negative)]);
        return i + 3;
      }
      if (lead === 'between') return unreadable();
      return after(a, i + 2);
    }
    if (lead === 'after') {
      const a = time(i + 1);
      if (!a) return unreadable();
      return after(a, i + 2);
    }
    if (lead === 'before' || lead === 'until') {
      const a = time(i + 1);
      if (!a) return unreadable();
      // "until 10", "can call until 11": an end of the day's calls, often the evening; "before 10" is the morning.
      if (lead === 'until' && !a.fixed && a.h >= 9 && a.h <= 11) return unreadable();
      const to = single(a, 'before', this.hint(tokens, i + 2), negative);
      this.addBound({ from: 0, to: to === 0 ? 1440 : to, open: 'before', ...(a.fixed ? {} : { guessed: true as const }) });
      return i + 1;
    }
    // A clock time first.
    const a = time(i);
    if (!a) return unreadable();
    if (isRangeJoin(i + 1, false) && time(i + 2)) {
      this.addTimes([range(a, time(i + 2) as ClockTime, this.hint(tokens, i + 3), negative)]);
      return i + 2;
    }
    if (word(i + 1) === 'onwards') return after(a, i + 1);
    return unreadable();
  }

  /** The period words of the group, and one just after the phrase ("after 7 in the evening"), choose the reading. */
  private hint(tokens: Token[], j: number): Set<Period> {
    // "mornings 7-9 and 2-4": the period word goes with the first time of its group only.
    const set = new Set(this.g && !this.g.times ? this.g.periods : []);
    const t = tokens[j];
    if (t?.k === 'period') set.add(t.p);
    return set;
  }
}

/** Whether the next thing named from tokens[j] on (past fillers, more days and list joins) is a time. */
function timesFollow(tokens: Token[], j: number): boolean {
  for (; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.k === 'time') return true;
    if (t.k === 'word' && ['after', 'before', 'between', 'from', 'until', 'anytime'].includes(t.w)) return true;
    if (t.k === 'day' || (t.k === 'sep' && t.s !== 'sentence') || (t.k === 'word' && (FILLER.has(t.w) || t.w === 'and' || t.w === 'or')))
      continue;
    return false;
  }
  return false;
}

/** The span of each period word, in minutes of the day (night runs past midnight). */
const PERIOD_SPANS: Record<Period, Interval> = {
  morning: { from: 0, to: 13 * 60 },
  afternoon: { from: 12 * 60, to: 19 * 60 },
  evening: { from: 16 * 60, to: 1440 },
  night: { from: 18 * 60, to: 8 * 60 },
  lunch: { from: 11 * 60, to: 15 * 60 },
  daytime: { from: 6 * 60, to: 20 * 60 },
};

function withinPeriod(iv: Interval, p: Period): boolean {
  const span = PERIOD_SPANS[p];
  const unroll = (x: Interval): [number, number] => [x.from, x.to > x.from ? x.to : x.to + 1440];
  const [sf, st] = unroll(span);
  let [f, t] = unroll(iv);
  // Bring the window into the span's frame (a night span runs 18:00 to 32:00).
  if (f < sf && f + 1440 <= st) {
    f += 1440;
    t += 1440;
  }
  return f >= sf && t <= st;
}

/** Whether a minute of the day fits a period word (used to choose am or pm and to check they agree). */
function fitsPeriod(min: number, p: Period, end: boolean): boolean {
  switch (p) {
    case 'morning':
      return end ? min > 0 && min <= 13 * 60 : min < 12 * 60;
    case 'afternoon':
      return end ? min > 12 * 60 && min <= 19 * 60 : min >= 12 * 60 && min < 18 * 60;
    case 'evening':
      return end ? min > 16 * 60 || min === 0 : min >= 16 * 60;
    case 'night':
      return end ? min > 18 * 60 || min <= 8 * 60 : min >= 18 * 60 || min < 6 * 60;
    case 'lunch':
      return end ? min > 11 * 60 && min <= 15 * 60 : min >= 11 * 60 && min < 14 * 60;
    case 'daytime':
      return end ? min > 6 * 60 && min <= 20 * 60 : min >= 6 * 60 && min < 19 * 60;
  }
}

/**
 * A lone clock time as the start ("after 6") or end ("before 9") of a window. Without am/pm: 1-6 are afternoon
 * and evening, 9-11 morning, 12 noon; 7 and 8 could be either. "After 9/10/11/12" (and "from 10", "10 onwards")
 * may be the evening or midnight ("after 10 when the kids are asleep", "don't call after 10"): nothing. In a part to
 * avoid, any bare "before" could be either ("don't call before 10 as he is still up" means the night): nothing.
 */
function single(t: ClockTime, as: 'after' | 'before', periods: Set<Period>, negative: boolean): number {
  if (t.midnight) return as === 'after' ? unreadable() : 1440;
  let options = readings(t);
  if (!t.fixed) {
    if (periods.size) options = options.filter((m) => [...periods].every((p) => fitsPeriod(m, p, as === 'before')));
    else {
      if (t.h === 7 || t.h === 8) return unreadable();
      // "after 10", "from 9", "9 onwards", "after 9:30": 10:00 or 22:00? Read as the morning, the evening would be
      // offered too. "after 12" may be midnight; "after 12:00", "after 12pm" are noon (to avoid, either: nothing).
      if (as === 'after' && t.h >= 9 && t.h <= 12 && (negative || t.h < 12 || t.bare)) return unreadable();
      // "Don't call before 10 (as he is still up)", "not until 12": read as the morning, the evening the officer may
      // have meant to rule out would be offered (10:00-midnight). To avoid, any bare "before": nothing.
      if (negative && as === 'before') return unreadable();
      options = options.filter((m) => m >= CALLING_DAY.from && m <= CALLING_DAY.to);
    }
  } else if (periods.size && !options.every((m) => [...periods].every((p) => fitsPeriod(m, p, as === 'before')))) {
    return unreadable();
  }
  return options.length === 1 ? options[0] : unreadable();
}

/**
 * A range "A-B": the one reading that is certain, or unreadable. Both ends without am/pm: the one reading that
 * lies within 06:00-22:00 without crossing midnight ("2-4" = 14:00-16:00; "8-10" could be 08:00 or 20:00: nothing).
 * One end as written: the other end is the reading that makes the shorter range ("10-2pm", "10pm-2", "6pm-12").
 */
function range(a: ClockTime, b: ClockTime, periods: Set<Period>, negative = false): Interval {
  // "Don't call 10.00-12.00 as he is back from the pub": the 24-hour reading (lex) is a guess from how both ends are
  // written; to avoid, the night it may mean would be offered.
  if (negative && (a.paired || b.paired)) return unreadable();
  // "Thursday 16-4", "Sat 23-5": a bare hour past 12 before a bare hour up to 12 is more likely a date (16 April)
  // than a range on the 24-hour clock that runs past midnight or lasts an hour ("14-3").
  if (a.bare && a.h >= 13 && b.bare && b.h <= 12) return unreadable();
  let otherReading: Interval['otherReading'];
  const froms = a.midnight ? [0] : readings(a);
  const tos = b.midnight ? [1440] : readings(b);
  let options = froms
    .flatMap((f) => tos.map((t) => ({ from: f, to: t === 0 ? 1440 : t, d: ((t === 0 ? 1440 : t) - f + 1440) % 1440 || 1440 })))
    .filter((o) => o.from !== o.to % 1440 || o.to === 1440);
  if (periods.size) {
    options = options.filter((o) => [...periods].every((p) => fitsPeriod(o.from, p, false) && fitsPeriod(o.to % 1440, p, true)));
  } else if (!a.fixed && !b.fixed) {
    // 6 is the hinge: "6-8", "6-11", "6-12" are as often the morning as the evening.
    if (a.h === 6) return unreadable();
    // So are 7 and 8 (as a lone hour, below) when the evening reading ends by midnight: "call 7-11" may be 19:00-23:00
    // as well as 07:00-11:00, and calling at 09:00 a victim who said "7-11" meaning the evening could reach her
    // while he is home: 7 and 8 are hours of the evening routine as much as the morning's, whatever the hub's day.
    // "9-11", "10-12" stay the morning (a 21:00-23:00 call window is rare in officers' notes; 19:00-23:00 is not),
    // and "8-4", "7-3" (the evening reading would cross midnight) stay the day.
    if ((a.h === 7 || a.h === 8) && b.h > a.h && b.h <= 12) return unreadable();
    // A range to avoid may well be late in the evening ("avoid 9-12" could be 21:00 to midnight), or run past it
    // ("don't call 11-1 as he is back from the pub", "don't call 7-2"): reading it as daytime would offer the night
    // as safe, and the evening of a "7-2" within the hub's own hours. So may a range ending "12pm", which officers
    // write for midnight as often as for noon ("7-12pm").
    const late = negative || (b.h === 12 && b.clockLike);
    const all = options;
    options = options.filter(
      (o) =>
        // To avoid, an early morning is as likely as the evening ("don't call 5-9" may be 05:00-09:00, whose last
        // hour is inside the hub's day): from 04:00.
        (o.from < o.to && o.from >= (negative ? 4 : 6) * 60 && o.to <= (late ? 24 : 22) * 60) ||
        (negative && o.to < o.from && o.from >= 18 * 60 && o.d <= 12 * 60),
    );
    const dropped = all.filter((o) => !options.includes(o) && o.d <= 12 * 60);
    // To avoid, a reading left out is one the officer may have meant: the night from midnight ("don't call 12-9 as he
    // is asleep"), or an evening past midnight from 16:00 ("don't call 4-1"). Where an hour of it the reading kept does
    // not cover lies inside the hub's calling day, that hour would be offered although it may be the one to avoid:
    // not certain. (Outside the calling day the hub does not call, so "no calls between 12 and 2" stays lunchtime.)
    if (negative && options.length === 1) {
      const kept = options[0];
      const covers = (o: { from: number; to: number }, m: number) => (o.from < o.to ? m >= o.from && m < o.to : m >= o.from || m < o.to);
      let uncovered = false;
      for (const o of dropped)
        for (let m = 0; m < 1440; m += 15) {
          if (!covers(o, m) || covers(kept, m)) continue;
          if (m >= CALLING_DAY.from && m < CALLING_DAY.to) return unreadable();
          uncovered = true;
        }
      // Outside the calling day: kept, unless a reason beside it may point to the other reading (parseSegments).
      if (uncovered) return { from: kept.from, to: kept.to, otherAvoided: true };
    }
    if (!negative && options.length === 1)
      otherReading = dropped.some((o) => o.from >= 17 * 60)
        ? 'evening'
        : dropped.some((o) => o.from < 6 * 60 && o.to <= 6 * 60 && o.to > o.from)
          ? 'small-hours'
          : undefined;
  } else if (!a.fixed || !b.fixed) {
    const shortest = Math.min(...options.map((o) => o.d));
    // To avoid, the bare end's other reading may be the one meant: "don't call 18:00-7:00", "no calls 6pm-8" may be
    // the night until the morning. Read as the shorter range, the rest of that night would be offered (to partners,
    // who may call outside the hub's day, and the morning inside it): not certain when the other reading is such a
    // night (past midnight, ending by 10:00: "No calls 3pm-8" too; "10pm-2" is not 22:00 to 14:00).
    if (negative) {
      const kept = options.find((o) => o.d === shortest);
      const night = options.some((o) => o !== kept && o.to < o.from && o.to <= 10 * 60);
      if (kept && night) return unreadable();
    }
    options = options.filter((o) => o.d === shortest && o.d <= 12 * 60);
  }
  if (options.length !== 1) return unreadable();
  const o = options[0];
  // A range past midnight longer than half a day ("15-08") is more likely a date than a night shift, unless
  // written as clock times ("5pm-9am", "17:00-09:00").
  if (o.to < o.from && o.d > 12 * 60 && !(a.clockLike && b.clockLike)) return unreadable();
  return otherReading ? { from: o.from, to: o.to, otherReading } : { from: o.from, to: o.to };
}

/** The minutes of the week a segment names, and whether a positive range ran past midnight. */
function segmentMinutes(seg: Segment): { minutes: Uint8Array | null; overnight: boolean; night: boolean } {
  if (!seg.groups.length) return { minutes: null, overnight: false, night: false };
  const minutes = new Uint8Array(WEEK);
  let overnight = false;
  /** A night written as two bounds ("after 10pm or before 2am"): not a range past midnight, but a night all the same. */
  let night = false;
  const daysOf = (g: Group): Set<Weekday> | null => g.days ?? (g.inheritedFrom ? daysOf(g.inheritedFrom) : null);
  const rootOf = (g: Group): Group => (g.days === null && g.inheritedFrom ? rootOf(g.inheritedFrom) : g);
  for (const g of seg.groups) {
    if (!g.times && !g.days) return unreadable(); // "mornings" alone: a period is not a time
    if (!g.times && g.periods.size) return unreadable(); // "Saturday mornings": when do mornings start?
    // "Weekdays 9-5 and Sat": are Saturdays all day, or 9-5 too? Several groups must each name their times.
    if (!seg.negative && !g.times && seg.groups.length > 1) return unreadable();
  }
  // "Not Sundays after 6pm", "weekdays except Wed 9-5": do the times go with the days, or with the note? Only
  // "don't call Sundays after 6pm" / "avoid ..." says the days and times go together.
  if ((seg.negative || seg.join === 'except') && !seg.verb && seg.groups.some((g) => g.days && g.times)) return unreadable();
  // "Don't call Sundays and Mon-Fri after 5pm", "don't call Sat and Mon-Fri after 6pm": Sunday all day, and weekdays
  // after 5pm? A range beside another kind of day reads as a rule of its own; read as one list, the day the officer
  // ruled out altogether would be offered until the time. To avoid, nothing ("don't call Friday and Saturday after
  // 6pm", single days alike, is both evenings).
  if (
    (seg.negative || seg.join === 'except') &&
    seg.groups.some((g) => g.times && g.dayRanges > 0 && g.singleDays - g.dayRanges + g.daySets > 0)
  )
    return unreadable();
  // "Mon only. Tue only.": two "only"s contradict.
  if (seg.groups.filter((g) => g.only).length > 1) return unreadable();
  if (!seg.negative) {
    // "Mon-Fri after 6pm, Fridays after 8pm": two rules for one day; which wins is not certain.
    for (let x = 0; x < seg.groups.length; x++)
      for (let y = x + 1; y < seg.groups.length; y++) {
        const gx = seg.groups[x];
        const gy = seg.groups[y];
        if (rootOf(gx) === rootOf(gy)) continue;
        const dx = daysOf(gx);
        const dy = daysOf(gy);
        if (!dx || !dy || [...dx].some((d) => dy.has(d))) return unreadable();
      }
  }
  for (const g of seg.groups) {
    const named = daysOf(g);
    const days = named ? WEEKDAYS.filter((d) => named.has(d)) : WEEKDAYS;
    const times = g.times ?? [{ from: 0, to: 1440 }];
    // "After 6pm any time", "2-4pm any time", "Any time, before 8pm": "any time" beside a time that did not narrow
    // it would make the whole day of a note that names a limit.
    if (times.some((t) => t.any) && times.some((t) => !t.any)) return unreadable();
    // "after 6pm or before 9pm", "After 6pm (no later than 9pm)": two open bounds that together cover the day.
    const opens = times.filter((t) => t.open);
    let twoBoundNight = false;
    if (opens.some((x) => x.open === 'after') && opens.some((x) => x.open === 'before')) {
      const latestAfter = Math.max(...opens.filter((x) => x.open === 'after').map((x) => x.from));
      const earliestBefore = Math.min(...opens.filter((x) => x.open === 'before').map((x) => x.to));
      if (latestAfter <= earliestBefore) return unreadable();
      // "after 10pm or before 2am": a night, written as two bounds (readWeek's nights and exclusions).
      if (earliestBefore <= 6 * 60) twoBoundNight = night = true;
    }
    // "10am-2pm, before 2pm", "2-4pm, not later than 4pm", "9am-5pm, up to 5pm": a bound restating a window's end
    // (or start) is a limit on it, not a second window from midnight: a bound that meets a window is not certain.
    for (const o of opens) for (const c of times) if (!c.open && !c.any && intervalsMeet(o, c)) return unreadable();
    // "7-9pm and 10-11", "Weekday evenings 7-9 and 9-11", "Saturday night 10-12 and 1-3": a bare range read as the
    // day only because its other reading was outside 06:00-22:00 is as likely that other reading beside an evening or
    // a night named in the same list (range: otherReading). Not certain. ("Mon 9-11 and 2-4, Thu after 6pm": another
    // rule's evening does not make Monday's 9-11 the night.)
    const list = seg.groups.filter((x) => rootOf(x) === rootOf(g));
    const listTimes = list.flatMap((x) => x.times ?? []).filter((t) => !t.any);
    // A period word anywhere in the part counts ("Evenings 7-9 Mon, 10-12 Wed": do the evenings go with Wednesday?).
    const evening =
      seg.groups.some((x) => x.periods.has('evening') || x.periods.has('night')) ||
      listTimes.some((t) => t.from >= 17 * 60 || t.to < t.from);
    const nightly = seg.groups.some((x) => x.periods.has('night')) || listTimes.some((t) => t.from >= 21 * 60 || t.to < t.from);
    if (times.some((t) => (t.otherReading === 'evening' && evening) || (t.otherReading === 'small-hours' && nightly))) return unreadable();
    // "Weekdays after 5pm and before 9am": which day's morning is not certain once days are named. Nor is it written
    // as one range ("Weekdays 5pm-9am": Saturday 00:00-09:00, or Monday's early morning?); a night that ends by 06:00
    // ("Fri 10pm-2am") is that day's night.
    if (named && times.some((t) => t.boundsNight || (!t.open && !t.any && t.to < t.from && t.to > 6 * 60))) return unreadable();
    // "Weekends 10pm-2am", "weekdays 10pm-2am": a night by a set of days is Friday and Saturday nights to many (weekend
    // nights) and Saturday and Sunday to others, Sunday to Thursday (weeknights) or Monday to Friday. Not certain.
    // ("11pm-2am every day" is every night.)
    if (rootOf(g).daySets > 0 && (rootOf(g).days?.size ?? 7) < 7 && times.some((t) => !t.open && !t.any && t.to < t.from))
      return unreadable();
    // "Friday night 12-2", "Friday night before 2am", "Fri 12-2am", "Friday after 10pm or before 2am": the small hours
    // of a named day are that day's early morning as written, but the night before it as often meant (Friday night's
    // 01:00 is Saturday's). Not certain.
    // The two bounds may sit in two groups of one list ("Friday after 10pm or before 2am").
    const listOpens = listTimes.filter((t) => t.open);
    // "Weekdays after 6pm or before 8pm": two open bounds in two groups of one list cover the day, as in one group.
    if (listOpens.some((x) => x.open === 'after') && listOpens.some((x) => x.open === 'before')) {
      const latestAfter = Math.max(...listOpens.filter((x) => x.open === 'after').map((x) => x.from));
      const earliestBefore = Math.min(...listOpens.filter((x) => x.open === 'before').map((x) => x.to));
      if (latestAfter <= earliestBefore) return unreadable();
    }
    const listNight =
      listOpens.some((x) => x.open === 'after' && x.from >= 18 * 60) && listOpens.some((x) => x.open === 'before' && x.to <= 6 * 60);
    if (named && (twoBoundNight || listNight)) return unreadable();
    // "Fri before 2am", "Friday until 1am" alike: Friday's own small hours as written, Friday night as meant.
    if (named && times.some((t) => !t.any && t.to > t.from && t.from < 6 * 60 && (g.periods.has('night') || t.to <= 6 * 60)))
      return unreadable();
    for (const iv of times) {
      for (const p of g.periods) {
        // Every minute of the window must lie within the period ("mornings after 9" runs to midnight: nothing).
        if (!withinPeriod(iv, p)) return unreadable();
      }
      if (iv.to < iv.from) overnight = true;
      for (const d of days) {
        const base = WEEKDAYS.indexOf(d) * 1440;
        if (iv.to > iv.from) for (let k = iv.from; k < iv.to; k++) minutes[base + k] = 1;
        else {
          for (let k = iv.from; k < 1440; k++) minutes[base + k] = 1;
          for (let k = 0; k < iv.to; k++) minutes[(base + 1440 + k) % WEEK] = 1;
        }
      }
    }
  }
  return { minutes, overnight, night };
}

/** Whether two intervals of a day share a minute, or one ends where the other starts (either may run past midnight). */
function intervalsMeet(a: Interval, b: Interval): boolean {
  const span = (iv: Interval): Array<[number, number]> =>
    iv.to > iv.from
      ? [[iv.from, iv.to]]
      : [
          [iv.from, 1440],
          [0, iv.to],
        ];
  return span(a).some(([a1, a2]) => span(b).some(([b1, b2]) => a1 <= b2 && b1 <= a2));
}

// ---------------------------------------------------------------------------------------------------------------
// Back to windows

const hhmm = (min: number): string => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * The week's safe minutes as windows: same hours on several days share a window; a run from one evening into the
 * next morning is one window past midnight when the note itself named such a range ("10pm-2am").
 */
function toWindows(week: Uint8Array, overnight: boolean): SafeWindow[] {
  const perDay: Array<Array<[number, number]>> = WEEKDAYS.map((_, d) => {
    const runs: Array<[number, number]> = [];
    let startAt = -1;
    for (let k = 0; k <= 1440; k++) {
      const on = k < 1440 && week[d * 1440 + k] === 1;
      if (on && startAt < 0) startAt = k;
      if (!on && startAt >= 0) {
        runs.push([startAt, k]);
        startAt = -1;
      }
    }
    return runs;
  });
  const windows: Array<{ day: number; from: number; to: number }> = [];
  if (overnight) {
    for (let d = 0; d < 7; d++) {
      const runs = perDay[d];
      const tail = runs[runs.length - 1];
      const next = perDay[(d + 1) % 7];
      const head = next[0];
      if (tail && head && tail[1] === 1440 && tail[0] > 0 && head[0] === 0 && head[1] < 1440 && head[1] < tail[0]) {
        windows.push({ day: d, from: tail[0], to: head[1] });
        runs.pop();
        next.shift();
      }
    }
  }
  perDay.forEach((runs, d) => runs.forEach(([from, to]) => windows.push({ day: d, from, to })));
  const byHours = new Map<string, Weekday[]>();
  for (const w of windows) {
    const key = `${hhmm(w.from)}-${hhmm(w.to)}`;
    byHours.set(key, [...(byHours.get(key) ?? []), WEEKDAYS[w.day]]);
  }
  return [...byHours.entries()]
    .map(([key, days]) => {
      const [from, to] = key.split('-');
      return { days: WEEKDAYS.filter((d) => days.includes(d)), from, to };
    })
    .sort((x, y) => x.from.localeCompare(y.from) || WEEKDAYS.indexOf(x.days[0]) - WEEKDAYS.indexOf(y.days[0]));
}

// ---------------------------------------------------------------------------------------------------------------
// Words for people

const SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Mon–Fri", "Sat, Sun", "Every day", "Tue, Thu". */
export function formatDays(days: readonly Weekday[]): string {
  const set = WEEKDAYS.filter((d) => days.includes(d));
  if (set.length === 7) return 'Every day';
  if (set.length === 5 && set.every((d) => d !== 'sat' && d !== 'sun')) return 'Mon–Fri';
  return set.map((d) => SHORT[d]).join(', ');
}

/** "Tue, Thu 10:00–12:00"; "Fri 22:00–02:00 (next day)" for a window past midnight; 24:00 reads as midnight. */
export function formatWindow(w: SafeWindow): string {
  const to = w.to === '24:00' ? 'midnight' : w.to;
  return `${formatDays(w.days)} ${w.from}–${to}${w.to < w.from ? ' (next day)' : ''}`;
}

/** Every window in words, "; "-separated (what partners and PDFs show). */
export function formatWindows(windows: readonly SafeWindow[]): string {
  return windows.map(formatWindow).join('; ');
}
