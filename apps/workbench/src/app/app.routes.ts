import { Route } from '@angular/router';
import {
  adminGuard,
  authGuard,
  hubGuard,
  outcomesGuard,
  partnerGuard,
  signedOutGuard,
} from '@lantern/workbench/data-access-auth';
import { teamLeadGuard } from '@lantern/workbench/data-access-team';

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
        canActivate: [hubGuard],
        loadComponent: () =>
          import('@lantern/workbench/queue').then((m) => m.QueuePage),
      },
      {
        path: 'cases/:id',
        title: 'Case · Lantern',
        canActivate: [hubGuard],
        loadComponent: () =>
          import('@lantern/workbench/case').then((m) => m.CasePage),
      },
      // The partner portal; the email a partner gets links to /partner/referrals/<id>.
      {
        path: 'partner/referrals',
        title: 'Referrals · Lantern',
        canActivate: [partnerGuard],
        loadComponent: () =>
          import('@lantern/workbench/case').then((m) => m.PartnerReferralsPage),
      },
      {
        path: 'partner/referrals/:id',
        title: 'Referral · Lantern',
        canActivate: [partnerGuard],
        loadComponent: () =>
          import('@lantern/workbench/case').then((m) => m.PartnerReferralsPage),
      },
      // Admins: the partner directory (an admin without a casework role lands here).
      {
        path: 'admin/partners',
        title: 'Partner directory · Lantern',
        canActivate: [adminGuard],
        loadComponent: () =>
          import('@lantern/workbench/case').then((m) => m.PartnerDirectoryPage),
      },
      // Team leads, admins and auditors: the outcomes dashboard (aggregate figures only).
      {
        path: 'team/outcomes',
        title: 'Outcomes · Lantern',
        canActivate: [outcomesGuard],
        loadComponent: () =>
          import('@lantern/workbench/outcomes').then((m) => m.OutcomesPage),
      },
      // Team leads: who is at work, how loaded, the unassigned queue and a suggested balance.
      {
        path: 'team/workload',
        title: 'Team workload · Lantern',
        canActivate: [teamLeadGuard],
        loadComponent: () =>
          import('@lantern/workbench/team').then((m) => m.WorkloadPage),
      },
      { path: 'admin', pathMatch: 'full', redirectTo: 'admin/partners' },
      { path: 'partner', pathMatch: 'full', redirectTo: 'partner/referrals' },
      { path: '', pathMatch: 'full', redirectTo: 'queue' },
    ],
  },
  { path: '**', redirectTo: 'queue' },
];
