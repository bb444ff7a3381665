import type { UnsafeContactRule } from '@lantern/shared/domain';
import { describeHttpError, httpStatus, problemDetails } from './http-error';

// The request-state and refusal conventions every workbench slice shares (case, referrals, partner portal,
// partner directory). They sit beside describeHttpError because they only interpret the API's problem+json.

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'error';

/** One button's request: in flight, or refused with the API's words. */
export interface OperationState {
  pending: boolean;
  error: string | null;
  code: string | null;
}

export const IDLE: OperationState = { pending: false, error: null, code: null };

/** A refusal from the API, in the words the page shows (problem+json `detail`, else our own). */
export interface CaseworkProblem {
  error: string;
  code: string | null;
}

/** Problem codes explained in the workbench's own words (otherwise the API's `detail` is shown). */
const PROBLEMS: Record<string, string> = {
  'stale-version':
    'The case changed while you were working on it, and the page now shows the latest. Nothing was saved: check what changed and try again.',
  'reason-required': 'Closing or reopening a case needs a written reason.',
  'not-available': 'You are set to Away. Set your status to Available (at the top of the page) to take the next case.',
};

/** The API's refusal as a sentence and a code: its own `detail` unless we explain that code better. */
export function describeProblem(err: unknown, fallback: string, forbidden = 'Your role cannot do this.'): CaseworkProblem {
  const problem = problemDetails(err);
  const code = problem?.code ?? null;
  const error = (code && PROBLEMS[code]) || (httpStatus(err) === 403 && !problem?.detail ? forbidden : describeHttpError(err, fallback));
  return { error, code };
}

/** The rules a 422 unsafe-contact named (`rules`, else `rule`). */
export function unsafeRules(err: unknown): UnsafeContactRule[] {
  const problem = problemDetails(err) as {
    rule?: unknown;
    rules?: unknown;
  } | null;
  if (Array.isArray(problem?.rules)) return problem.rules.filter((r): r is UnsafeContactRule => typeof r === 'string');
  return typeof problem?.rule === 'string' ? [problem.rule as UnsafeContactRule] : [];
}
