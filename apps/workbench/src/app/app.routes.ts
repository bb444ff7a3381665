import { Route } from '@angular/router';
import {
  actionGuard,
  adminGuard,
  authGuard,
  usersAdminGuard,
  hubGuard,
  outcomesGuard,
  partnerGuard,
  signedOutGuard,
} from '@lantern/workbench/auth/data-access';
import { provideCaseSharedState } from '@lantern/workbench/case/data-access';
import { providePartnerDirectoryState } from '@lantern/workbench/partner-directory/data-access';
import { providePartnerPortalState } from '@lantern/workbench/partner-portal/data-access';
import { provideQueueState } from '@lantern/workbench/queue/data-access';
import { provideReferralsState } from '@lantern/workbench/referrals/data-access';
import { teamLeadGuard } from '@lantern/workbench/team/data-access';

// Each page is a lazy chunk from its domain's feature library, and each route provides the state its page
// needs (provideState/provideEffects in `providers`); only the session, the live connection and the shell's
// own state are provided at the root (app.config.ts). docs/workbench.md has the map.
export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in · Lantern',
    canActivate: [signedOutGuard],
    loadComponent: () => import('@lantern/workbench/auth/feature').then((m) => m.SignInPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      {
        path: 'queue',
        title: 'Triage queue · Lantern',
        canActivate: [hubGuard],
        providers: [provideQueueState(), provideCaseSharedState()],
        loadComponent: () => import('@lantern/workbench/queue/feature').then((m) => m.QueuePage),
      },
      {
        path: 'cases/:id',
        title: 'Case · Lantern',
        canActivate: [hubGuard],
        providers: [provideCaseSharedState(), provideReferralsState(), providePartnerDirectoryState()],
        loadComponent: () => import('@lantern/workbench/case/feature').then((m) => m.CasePage),
      },
      // The partner portal; the email a partner gets links to /partner/referrals/<id>.
      {
        path: 'partner/referrals',
        canActivate: [partnerGuard],
        providers: [providePartnerPortalState()],
        children: [
          {
            path: '',
            title: 'Referrals · Lantern',
            loadComponent: () => import('@lantern/workbench/partner-portal/feature').then((m) => m.PartnerReferralsPage),
          },
          {
            path: ':id',
            title: 'Referral · Lantern',
            loadComponent: () => import('@lantern/workbench/partner-portal/feature').then((m) => m.PartnerReferralsPage),
          },
        ],
      },
      // Admins: the partner directory (an admin without a casework role lands here).
      {
        path: 'admin/partners',
        title: 'Partner directory · Lantern',
        canActivate: [adminGuard],
        providers: [providePartnerDirectoryState()],
        loadComponent: () => import('@lantern/workbench/partner-directory/feature').then((m) => m.PartnerDirectoryPage),
      },
      // Team leads, admins and auditors: the outcomes dashboard (aggregate figures only).
      {
        path: 'team/outcomes',
        title: 'Outcomes · Lantern',
        canActivate: [outcomesGuard],
        loadComponent: () => import('@lantern/workbench/outcomes/feature').then((m) => m.OutcomesPage),
      },
      // Auditors: search, export and verify the audit trail.
      {
        path: 'audit',
        title: 'Audit trail · Lantern',
        canActivate: [actionGuard('audit.read')],
        loadComponent: () => import('@lantern/workbench/audit/feature').then((m) => m.AuditPage),
      },
      // Team leads: who is at work, how loaded, the unassigned queue and a suggested balance.
      {
        path: 'team/workload',
        title: 'Team workload · Lantern',
        canActivate: [teamLeadGuard],
        loadComponent: () => import('@lantern/workbench/team/feature').then((m) => m.WorkloadPage),
      },
      // Everyone signed in: change your password, set up an authenticator app.
      {
        path: 'account',
        title: 'Your account · Lantern',
        loadComponent: () => import('@lantern/workbench/auth/feature').then((m) => m.AccountPage),
      },
      // Admins: accounts and feed keys.
      {
        path: 'admin',
        pathMatch: 'full',
        title: 'Accounts and feed keys · Lantern',
        canActivate: [usersAdminGuard],
        loadComponent: () => import('@lantern/workbench/admin/feature').then((m) => m.AdminPage),
      },
      { path: 'partner', pathMatch: 'full', redirectTo: 'partner/referrals' },
      { path: '', pathMatch: 'full', redirectTo: 'queue' },
    ],
  },
  { path: '**', redirectTo: 'queue' },
];
