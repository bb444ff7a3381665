import { AuditEntryEntity } from './audit-entry.entity';
import { BreakGlassGrantEntity } from './break-glass-grant.entity';
import { CallbackEntity } from './callback.entity';
import { CaseConsentEntity } from './case-consent.entity';
import { CaseDocumentEntity } from './case-document.entity';
import { CaseChangeReasonEntity } from './case-change-reason.entity';
import { ChildrensServicesDecisionEntity } from './childrens-services-decision.entity';
import { ClosingOverrideEntity } from './closing-override.entity';
import { CaseEntity } from './case.entity';
import { ContactAttemptEntity } from './contact-attempt.entity';
import { FeedSourceEntity } from './feed-source.entity';
import { MaracReferralEntity } from './marac-referral.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { PartnerServiceEntity } from './partner-service.entity';
import { PersonEntity } from './person.entity';
import { ReferralEntity } from './referral.entity';
import { ReportEntity } from './report.entity';
import { RiskAssessmentEntity } from './risk-assessment.entity';
import { SatisfactionSurveyEntity } from './satisfaction-survey.entity';
import { SessionEntity } from './session.entity';
import { SuspectNumberEntity } from './suspect-number.entity';
import { UserEntity } from './user.entity';
import { UserPreferencesEntity } from './user-preferences.entity';

export {
  AuditEntryEntity,
  BreakGlassGrantEntity,
  CallbackEntity,
  CaseConsentEntity,
  CaseDocumentEntity,
  CaseChangeReasonEntity,
  ChildrensServicesDecisionEntity,
  ClosingOverrideEntity,
  CaseEntity,
  ContactAttemptEntity,
  FeedSourceEntity,
  MaracReferralEntity,
  OutboxEventEntity,
  PartnerServiceEntity,
  PersonEntity,
  ReferralEntity,
  ReportEntity,
  RiskAssessmentEntity,
  SatisfactionSurveyEntity,
  SessionEntity,
  SuspectNumberEntity,
  UserEntity,
  UserPreferencesEntity,
};

export const ENTITIES = [
  AuditEntryEntity,
  BreakGlassGrantEntity,
  CallbackEntity,
  CaseConsentEntity,
  CaseDocumentEntity,
  CaseChangeReasonEntity,
  ChildrensServicesDecisionEntity,
  ClosingOverrideEntity,
  CaseEntity,
  ContactAttemptEntity,
  FeedSourceEntity,
  MaracReferralEntity,
  OutboxEventEntity,
  PartnerServiceEntity,
  PersonEntity,
  ReferralEntity,
  ReportEntity,
  RiskAssessmentEntity,
  SatisfactionSurveyEntity,
  SessionEntity,
  SuspectNumberEntity,
  UserEntity,
  UserPreferencesEntity,
];
