/* eslint-disable */
import * as G from './graphql.js';
import type { PersistedDocumentNode } from '../src/persisted.js';
export type * from './graphql.js';

export const ActionPlanByAgencyDocument = G.ActionPlanByAgencyDocument as PersistedDocumentNode<G.ActionPlanByAgencyQuery, G.ActionPlanByAgencyQueryVariables>;
export const ActionPlanLedByAgencyDocument = G.ActionPlanLedByAgencyDocument as PersistedDocumentNode<G.ActionPlanLedByAgencyQuery, G.ActionPlanLedByAgencyQueryVariables>;
export const AdoptedStrategiesDocument = G.AdoptedStrategiesDocument as PersistedDocumentNode<G.AdoptedStrategiesQuery, G.AdoptedStrategiesQueryVariables>;
export const AgencyInvolvementDocument = G.AgencyInvolvementDocument as PersistedDocumentNode<G.AgencyInvolvementQuery, G.AgencyInvolvementQueryVariables>;
export const AgreementDetailDocument = G.AgreementDetailDocument as PersistedDocumentNode<G.AgreementDetailQuery, G.AgreementDetailQueryVariables>;
export const AgreementsDocument = G.AgreementsDocument as PersistedDocumentNode<G.AgreementsQuery, G.AgreementsQueryVariables>;
export const AnswerObservationDocument = G.AnswerObservationDocument as PersistedDocumentNode<G.AnswerObservationMutation, G.AnswerObservationMutationVariables>;
export const AuditTrailDocument = G.AuditTrailDocument as PersistedDocumentNode<G.AuditTrailQuery, G.AuditTrailQueryVariables>;
export const ConsultationInboxDocument = G.ConsultationInboxDocument as PersistedDocumentNode<G.ConsultationInboxQuery, G.ConsultationInboxQueryVariables>;
export const ConsultedVersionDocument = G.ConsultedVersionDocument as PersistedDocumentNode<G.ConsultedVersionQuery, G.ConsultedVersionQueryVariables>;
export const EditObservationDocument = G.EditObservationDocument as PersistedDocumentNode<G.EditObservationMutation, G.EditObservationMutationVariables>;
export const FileProgressReportDocument = G.FileProgressReportDocument as PersistedDocumentNode<G.FileProgressReportMutation, G.FileProgressReportMutationVariables>;
export const MoveAgreementDocument = G.MoveAgreementDocument as PersistedDocumentNode<G.MoveAgreementMutation, G.MoveAgreementMutationVariables>;
export const MoveStrategyDocument = G.MoveStrategyDocument as PersistedDocumentNode<G.MoveStrategyMutation, G.MoveStrategyMutationVariables>;
export const MyObservationDocument = G.MyObservationDocument as PersistedDocumentNode<G.MyObservationQuery, G.MyObservationQueryVariables>;
export const ObservationToAnswerDocument = G.ObservationToAnswerDocument as PersistedDocumentNode<G.ObservationToAnswerQuery, G.ObservationToAnswerQueryVariables>;
export const OverdueItemsDocument = G.OverdueItemsDocument as PersistedDocumentNode<G.OverdueItemsQuery, G.OverdueItemsQueryVariables>;
export const ResponseMatrixDocument = G.ResponseMatrixDocument as PersistedDocumentNode<G.ResponseMatrixQuery, G.ResponseMatrixQueryVariables>;
export const StrategiesDocument = G.StrategiesDocument as PersistedDocumentNode<G.StrategiesQuery, G.StrategiesQueryVariables>;
export const StrategyDetailDocument = G.StrategyDetailDocument as PersistedDocumentNode<G.StrategyDetailQuery, G.StrategyDetailQueryVariables>;
export const SubmitObservationDocument = G.SubmitObservationDocument as PersistedDocumentNode<G.SubmitObservationMutation, G.SubmitObservationMutationVariables>;
export const VersionComparisonDocument = G.VersionComparisonDocument as PersistedDocumentNode<G.VersionComparisonQuery, G.VersionComparisonQueryVariables>;
export const ViewerDocument = G.ViewerDocument as PersistedDocumentNode<G.ViewerQuery, G.ViewerQueryVariables>;
export const WithdrawObservationDocument = G.WithdrawObservationDocument as PersistedDocumentNode<G.WithdrawObservationMutation, G.WithdrawObservationMutationVariables>;
