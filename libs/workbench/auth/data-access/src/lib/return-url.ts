export const DEFAULT_AFTER_SIGN_IN = '/queue';
/** Where a partner agency's user lands. */
export const PARTNER_HOME = '/partner/referrals';
/** Where a user who only administers Lantern (no casework) lands: the partner directory. */
export const ADMIN_HOME = '/admin/partners';
/** Where an officer lands: the referral form of the officer app (never the queue). */
export const OFFICER_HOME = '/officer';
/** Where a force lead lands: the force dashboard. */
export const FORCE_HOME = '/force';

/** Only same-app paths: never an absolute or protocol-relative URL (open redirect), never back to /sign-in. */
export function safeReturnUrl(url: string | null | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN;
  if (url === '/sign-in' || url.startsWith('/sign-in?') || url.startsWith('/sign-in/')) return DEFAULT_AFTER_SIGN_IN;
  return url;
}
