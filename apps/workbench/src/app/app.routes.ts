import { Route } from '@angular/router';
import {
  actionGuard,
  adminGuard,
  authGuard,
  forceLeadGuard,
  usersAdminGuard,
  hubGuard,
  officerGuard,
  outcomesGuard,
  partnerGuard,
  signedOutGuard,
} from '@lantern/workbench/auth/data-access';
import { provideCaseSharedState } from '@lantern/workbench/case/data-access';
import { provideOfficerState } from '@lantern/workbench/officer/data-access';
import { providePartnerDirectoryState } from '@lantern/workbench/partner-directory/data-access';
import { providePartnerPortalState } from '@lantern/workbench/partner-portal/data-access';
import { provideQueueState } from '@lantern/workbench/queue/data-access';
import { provideReferralsState } from '@lantern/workbench/referrals/data-access';
import { teamLeadGuard } from '@lantern/workbench/team/data-access';
import { unsavedChangesGuard } from '@lantern/workbench/ui/shell';

// Each page is a lazy chunk from its domain's feature library, and each route provides the state its page
// needs (provideState/provideEffects in `providers`); every page's canDeactivate asks before unsaved work is lost
// (unsavedChangesGuard, docs/workbench.md "Nothing lost"); only the session, the live connection and the shell's
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
        canDeactivate: [unsavedChangesGuard],
      },
      {
        path: 'cases/:id',
        title: 'Case · Lantern',
        canActivate: [hubGuard],
        providers: [provideCaseSharedState(), provideReferralsState(), providePartnerDirectoryState()],
        loadComponent: () => import('@lantern/workbench/case/feature').then((m) => m.CasePage),
        canDeactivate: [unsavedChangesGuard],
      },
      // The printable case summary (docs/casework.md): hub staff only, like the case page.
      {
        path: 'cases/:id/print',
        title: 'Case summary · Lantern',
        canActivate: [hubGuard],
        loadComponent: () => import('@lantern/workbench/case/feature').then((m) => m.CasePrintPage),
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
            canDeactivate: [unsavedChangesGuard],
          },
          {
            path: ':id',
            title: 'Referral · Lantern',
            loadComponent: () => import('@lantern/workbench/partner-portal/feature').then((m) => m.PartnerReferralsPage),
            canDeactivate: [unsavedChangesGuard],
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
        canDeactivate: [unsavedChangesGuard],
      },
      // Team leads, admins and auditors: the outcomes dashboard (aggregate figures only).
      {
        path: 'team/outcomes',
        title: 'Outcomes · Lantern',
        canActivate: [outcomesGuard],
        loadComponent: () => import('@lantern/workbench/outcomes/feature').then((m) => m.OutcomesPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Force leads: their own force's dashboard (aggregate figures only; no hub state, no socket).
      {
        path: 'force',
        title: 'Force dashboard · Lantern',
        canActivate: [forceLeadGuard],
        loadComponent: () => import('@lantern/workbench/force/feature').then((m) => m.ForceDashboardPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Team leads and admins: import police reports from a CSV extract (docs/imports.md).
      {
        path: 'team/imports',
        title: 'Import reports · Lantern',
        canActivate: [actionGuard('imports.run')],
        loadComponent: () => import('@lantern/workbench/imports/feature').then((m) => m.ImportsPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Auditors: search, export and verify the audit trail.
      {
        path: 'audit',
        title: 'Audit trail · Lantern',
        canActivate: [actionGuard('audit.read')],
        loadComponent: () => import('@lantern/workbench/audit/feature').then((m) => m.AuditPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Everyone who reads cases: search by name, reference or phone number (docs/search.md).
      {
        path: 'search',
        title: 'Search · Lantern',
        canActivate: [actionGuard('case.read')],
        loadComponent: () => import('@lantern/workbench/search/feature').then((m) => m.SearchPage),
      },
      // Team leads: who is at work, how loaded, the unassigned queue and a suggested balance.
      {
        path: 'team/workload',
        title: 'Team workload · Lantern',
        canActivate: [teamLeadGuard],
        loadComponent: () => import('@lantern/workbench/team/feature').then((m) => m.WorkloadPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Everyone signed in: change your password, set up an authenticator app.
      {
        path: 'account',
        title: 'Your account · Lantern',
        loadComponent: () => import('@lantern/workbench/auth/feature').then((m) => m.AccountPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Admins: accounts and feed keys.
      {
        path: 'admin',
        pathMatch: 'full',
        title: 'Accounts and feed keys · Lantern',
        canActivate: [usersAdminGuard],
        loadComponent: () => import('@lantern/workbench/admin/feature').then((m) => m.AdminPage),
        canDeactivate: [unsavedChangesGuard],
      },
      // Officers at the scene: the referral form (works offline) and their own referrals with their status.
      {
        path: 'officer',
        canActivate: [officerGuard],
        providers: [provideOfficerState()],
        children: [
          {
            path: '',
            pathMatch: 'full',
            title: 'New referral · Lantern',
            loadComponent: () => import('@lantern/workbench/officer/feature').then((m) => m.ReferralFormPage),
            canDeactivate: [unsavedChangesGuard],
          },
          {
            path: 'referrals',
            title: 'My referrals · Lantern',
            loadComponent: () => import('@lantern/workbench/officer/feature').then((m) => m.MyReferralsPage),
            canDeactivate: [unsavedChangesGuard],
          },
        ],
      },
      { path: 'partner', pathMatch: 'full', redirectTo: 'partner/referrals' },
      { path: '', pathMatch: 'full', redirectTo: 'queue' },
    ],
  },
  { path: '**', redirectTo: 'queue' },
];
