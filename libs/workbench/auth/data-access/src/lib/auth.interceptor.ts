import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { BACKGROUND_REQUEST_HEADER } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';
import { catchError, throwError } from 'rxjs';
import { AuthApiActions } from './+state/auth.actions';
import { UserActivity } from './user-activity';

/**
 * A 401 from any API call other than /auth/* means the session has ended: sign the browser out. Requests made
 * while nobody has touched the screen for a minute are marked as background, so timed re-reads do not keep an
 * unattended session from its idle timeout.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const store = inject(Store);
  const activity = inject(UserActivity);
  const sent = activity.idle() ? req.clone({ setHeaders: { [BACKGROUND_REQUEST_HEADER]: '1' } }) : req;
  return next(sent).pipe(
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && err.status === 401 && !req.url.includes('/api/v1/auth/')) {
        store.dispatch(AuthApiActions.sessionExpired());
      }
      return throwError(() => err);
    }),
  );
};
