import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request's guards leave for the code that runs after them in the same request, by key (case-access.ts:
 * the case change its guard let through, to be judged again under the case's row lock). One per request
 * (`requestScopeMiddleware`); nothing in it outlives the request or reaches another.
 */
export type RequestScope = Map<symbol, unknown>;

const scope = new AsyncLocalStorage<RequestScope>();

/**
 * Express middleware giving each request its scope. Installed by the app's bootstrap after the body parsers: a body
 * stream's callbacks would not carry the scope on.
 */
export function requestScopeMiddleware(): (req: unknown, res: unknown, next: () => void) => void {
  return (_req, _res, next) => scope.run(new Map(), next);
}

/** The running request's scope, or undefined outside a request (a job, an event handler, a socket handler). */
export function currentRequestScope(): RequestScope | undefined {
  return scope.getStore();
}

/**
 * Runs `fn` outside any request's scope: a domain event's handlers (DomainEventBus) are not part of the request that
 * published it, and must not find what its guards left (a handler locking the case would be judged as that user).
 */
export function outsideRequestScope<T>(fn: () => T): T {
  return scope.exit(fn);
}
