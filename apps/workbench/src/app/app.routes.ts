import { Route } from '@angular/router';
import { authGuard, signedOutGuard } from '@lantern/workbench/data-access-auth';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in · Lantern',
    canActivate: [signedOutGuard],
    loadComponent: () =>
      import('@lantern/workbench/auth').then((m) => m.SignInPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      {
        path: 'queue',
        title: 'Triage queue · Lantern',
        loadComponent: () =>
          import('@lantern/workbench/queue').then((m) => m.QueuePage),
      },
      {
        path: 'cases/:id',
        title: 'Case · Lantern',
        loadComponent: () =>
          import('@lantern/workbench/case').then((m) => m.CasePage),
      },
      { path: '', pathMatch: 'full', redirectTo: 'queue' },
    ],
  },
  { path: '**', redirectTo: 'queue' },
];
