import { Initial1763870400000 } from './1763870400000-initial';
import { TriageRules1763884800000 } from './1763884800000-triage-rules';
import { Casework1763899200000 } from './1763899200000-casework';
import { CallbacksAndDocuments1763913600000 } from './1763913600000-callbacks-documents';
import { Referrals1763928000000 } from './1763928000000-referrals';
import { PartnerDirectory1763942400000 } from './1763942400000-partner-directory';
import { Workload1763956800000 } from './1763956800000-workload';
import { Consent1764000000000 } from './1764000000000-consent';
import { ReferralWithdrawal1764010000000 } from './1764010000000-referral-withdrawal';
import { SuspectNumbersCallbacks1764020000000 } from './1764020000000-suspect-numbers-callbacks';
import { PoliceGrades1764100000000 } from './1764100000000-police-grades';
import { MaracReferrals1764110000000 } from './1764110000000-marac-referrals';
import { ChildrenUnder18s1764120000000 } from './1764120000000-children-under-18s';
import { AreaPriority1764130000000 } from './1764130000000-area-priority';
import { AuditTrail1764200000000 } from './1764200000000-audit-trail';
import { SessionIdle1764220000000 } from './1764220000000-session-idle';
import { SignInAdmin1764210000000 } from './1764210000000-sign-in-admin';
import { RestrictedCases1764230000000 } from './1764230000000-restricted-cases';
import { OfficerIntake1764300000000 } from './1764300000000-officer-intake';
import { ForceDashboard1764320000000 } from './1764320000000-force-dashboard';
import { Imports1764330000000 } from './1764330000000-imports';
import { CaseSearch1764400000000 } from './1764400000000-case-search';
import { NotesDuplicatesAcknowledgements1764420000000 } from './1764420000000-notes-duplicates-acknowledgements';
import { UserPreferences1764410000000 } from './1764410000000-user-preferences';
import { SearchIndexedOnce1764430000000 } from './1764430000000-search-indexed-once';
import { ReadIndexes1764440000000 } from './1764440000000-read-indexes';
import { CaseClocksMilliseconds1764450000000 } from './1764450000000-case-clocks-milliseconds';
import { AlertIndexes1764460000000 } from './1764460000000-alert-indexes';
import { CaseQueue1764470000000 } from './1764470000000-case-queue';
import { SlaClock1764480000000 } from './1764480000000-sla-clock';
import { OutboxOrderLock1764490000000 } from './1764490000000-outbox-order-lock';
import { AuditChainReadCommitted1764500000000 } from './1764500000000-audit-chain-read-committed';
import { OutcomesCoveringIndexes1764510000000 } from './1764510000000-outcomes-covering-indexes';
import { QueueSettledScore1764520000000 } from './1764520000000-queue-settled-score';
import { ListReadTally1764530000000 } from './1764530000000-list-read-tally';
import { QueueAccessList1764540000000 } from './1764540000000-queue-access-list';
import { QueueReference1764550000000 } from './1764550000000-queue-reference';
import { SearchRefreshPlanCached1764560000000 } from './1764560000000-search-refresh-plan-cached';
import { OpenCaseTally1764570000000 } from './1764570000000-open-case-tally';
import { ListReadTallyDistinct1764590000000 } from './1764590000000-list-read-tally-distinct';
import { SuspectNumbersRenormalised1764600000000 } from './1764600000000-suspect-numbers-renormalised';
import { AuditRecipientsIndex1764610000000 } from './1764610000000-audit-recipients-index';
import { PhonesInternationalPrefix1764620000000 } from './1764620000000-phones-international-prefix';
import { ConsentOlderPoliceGiven1764630000000 } from './1764630000000-consent-older-police-given';
import { PhonesSpacedPair1764640000000 } from './1764640000000-phones-spaced-pair';
import { PlanPoliceContact1764650000000 } from './1764650000000-plan-police-contact';
import { CaseChangeReasons1764670000000 } from './1764670000000-case-change-reasons';
import { OfficerAppVictimAge1764680000000 } from './1764680000000-officer-app-victim-age';
import { ChildrensServicesDecisions1764690000000 } from './1764690000000-childrens-services-decisions';
import { VictimChanged1764700000000 } from './1764700000000-victim-changed';
import { FirstContactClock1764710000000 } from './1764710000000-first-contact-clock';
import { SafetyNoticeDismissals1764720000000 } from './1764720000000-safety-notice-dismissals';
import { ConsentPoliceReportRecords1764730000000 } from './1764730000000-consent-police-report-records';
import { ReferralContactPlanFingerprint1764740000000 } from './1764740000000-referral-contact-plan-fingerprint';
import { PersonIdsCleaned1764750000000 } from './1764750000000-person-ids-cleaned';
import { ConsentUnprovenPoliceGiven1764660000000 } from './1764660000000-consent-unproven-police-given';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [
  Initial1763870400000,
  TriageRules1763884800000,
  Casework1763899200000,
  CallbacksAndDocuments1763913600000,
  Referrals1763928000000,
  PartnerDirectory1763942400000,
  Workload1763956800000,
  Consent1764000000000,
  ReferralWithdrawal1764010000000,
  SuspectNumbersCallbacks1764020000000,
  PoliceGrades1764100000000,
  MaracReferrals1764110000000,
  ChildrenUnder18s1764120000000,
  AreaPriority1764130000000,
  AuditTrail1764200000000,
  SignInAdmin1764210000000,
  SessionIdle1764220000000,
  RestrictedCases1764230000000,
  OfficerIntake1764300000000,
  ForceDashboard1764320000000,
  Imports1764330000000,
  CaseSearch1764400000000,
  UserPreferences1764410000000,
  NotesDuplicatesAcknowledgements1764420000000,
  SearchIndexedOnce1764430000000,
  ReadIndexes1764440000000,
  CaseClocksMilliseconds1764450000000,
  AlertIndexes1764460000000,
  CaseQueue1764470000000,
  SlaClock1764480000000,
  OutboxOrderLock1764490000000,
  AuditChainReadCommitted1764500000000,
  OutcomesCoveringIndexes1764510000000,
  QueueSettledScore1764520000000,
  ListReadTally1764530000000,
  QueueAccessList1764540000000,
  QueueReference1764550000000,
  SearchRefreshPlanCached1764560000000,
  OpenCaseTally1764570000000,
  ListReadTallyDistinct1764590000000,
  SuspectNumbersRenormalised1764600000000,
  AuditRecipientsIndex1764610000000,
  PhonesInternationalPrefix1764620000000,
  ConsentOlderPoliceGiven1764630000000,
  PhonesSpacedPair1764640000000,
  PlanPoliceContact1764650000000,
  ConsentUnprovenPoliceGiven1764660000000,
  CaseChangeReasons1764670000000,
  OfficerAppVictimAge1764680000000,
  ChildrensServicesDecisions1764690000000,
  VictimChanged1764700000000,
  FirstContactClock1764710000000,
  SafetyNoticeDismissals1764720000000,
  ConsentPoliceReportRecords1764730000000,
  ReferralContactPlanFingerprint1764740000000,
  PersonIdsCleaned1764750000000,
];
