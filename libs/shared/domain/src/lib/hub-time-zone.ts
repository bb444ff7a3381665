/**
 * The hub's one time zone. A hub serves one police force area and works one rota, so every wall-clock rule is
 * read in the same zone: staffed hours and bank holidays (SLA clocks), a victim's safe times to call, partner
 * opening hours, "different days" of contact attempts, outcomes periods and every date shown or printed.
 * Two zones in two places would let a safe-contact window and the screen showing it disagree by an hour around a
 * clock change. Server and browser clocks may be in any zone: this is the one that matters.
 */
export const HUB_TIME_ZONE = 'Europe/London';
