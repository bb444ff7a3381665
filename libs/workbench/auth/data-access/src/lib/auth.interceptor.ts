import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { catchError, throwError } from 'rxjs';
import { AuthApiActions } from './+state/auth.actions';

/** A 401 from any API call other than /auth/* means the session has ended: sign the browser out. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const store = inject(Store);
  return next(req).pipe(
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && err.status === 401 && !req.url.includes('/api/v1/auth/')) {
        store.dispatch(AuthApiActions.sessionExpired());
      }
      return throwError(() => err);
    }),
  );
};
