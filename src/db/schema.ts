// Table types for Kysely. The migrations are the truth; keep this file in step with them.
// bigint columns are strings (pg's default parser), timestamptz are Dates, jsonb are objects.
import type { ColumnType, Generated } from 'kysely';
import type { ChampsMap, FieldDef } from '../domain/fields/types.ts';

type Id = ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
type RefId = ColumnType<string, string | number | bigint, string | number | bigint>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, T | string | undefined, T | string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  first_name: string | null;
  last_name: string | null;
  created_at: Generated<Date>;
  last_sign_in_at: TsNull;
}
export interface RoleTable { user_id: RefId }
export interface SessionsTable {
  id: string;
  user_id: RefId;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Ts;
}
export interface TokensTable {
  id: Generated<string>;
  kind: 'password_reset' | 'invitation';
  token_hash: string;
  user_id: RefId;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  expires_at: Ts;
  used_at: TsNull;
}
export interface LoginAttemptsTable { key: string; attempted_at: Generated<Date> }

export interface AttestationTemplate { title: string; body: string; footer: string; activated: boolean }
export interface ProceduresTable {
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  service_name: Generated<string>;
  contact_email: string | null;
  state: Generated<'brouillon' | 'publiee' | 'close' | 'depubliee'>;
  declarative: 'en_instruction' | 'accepte' | null;
  sva_svr: Generated<'disabled' | 'sva' | 'svr'>;
  retention_months: Generated<number>;
  expires_when_termine: Generated<boolean>;
  for_individual: Generated<boolean>;
  allow_expert_review: Generated<boolean>;
  allow_expert_messaging: Generated<boolean>;
  instructeurs_self_management: Generated<boolean>;
  rdv_enabled: Generated<boolean>;
  attestation_template: Json<AttestationTemplate | null>;
  mail_templates: Json<Record<string, { subject: string; body: string }>>;
  published_revision_id: string | null;
  draft_revision_id: string | null;
  created_at: Generated<Date>;
  published_at: TsNull;
  closed_at: TsNull;
}
export interface ProcedureAdministrateursTable { procedure_id: RefId; user_id: RefId }
export interface ProcedureRevisionsTable {
  id: Generated<string>;
  procedure_id: RefId;
  fields: Json<FieldDef[]>;
  annotations: Json<FieldDef[]>;
  created_at: Generated<Date>;
  published_at: TsNull;
}
export interface GroupesInstructeursTable {
  id: Generated<string>;
  procedure_id: RefId;
  label: string;
  is_default: Generated<boolean>;
  closed: Generated<boolean>;
  routing_rule: Json<unknown | null>;
}
export interface GroupeMembersTable { groupe_id: RefId; user_id: RefId; created_at: Generated<Date> }
export interface InstructeurProceduresTable {
  user_id: RefId;
  procedure_id: RefId;
  position: number | null;
  notification_prefs: Json<Record<string, string>>;
  email_prefs: Json<Record<string, boolean>>;
}
export interface LabelsTable { id: Generated<string>; procedure_id: RefId; name: string; color: string; position: Generated<number> }

export type DossierStateColumn = 'brouillon' | 'en_construction' | 'en_instruction' | 'accepte' | 'refuse' | 'sans_suite';
export interface DossiersTable {
  id: Id;
  procedure_id: RefId;
  revision_id: RefId;
  groupe_id: RefId;
  user_id: string | null;
  user_email: string;
  state: Generated<DossierStateColumn>;
  civilite: string | null;
  nom: string | null;
  prenom: string | null;
  champs: Json<ChampsMap>;
  annotations: Json<ChampsMap>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  depose_at: TsNull;
  en_construction_at: TsNull;
  en_instruction_at: TsNull;
  processed_at: TsNull;
  last_champ_updated_at: TsNull;
  last_annotation_updated_at: TsNull;
  last_message_at: TsNull;
  motivation: string | null;
  archived: Generated<boolean>;
  archived_at: TsNull;
  hidden_by_user_at: TsNull;
  hidden_by_administration_at: TsNull;
  hidden_by_expired_at: TsNull;
  expires_at: TsNull;
  expiry_notice_sent_at: TsNull;
  conservation_extension_months: Generated<number>;
  declarative_triggered_at: TsNull;
  pending_correction: Generated<boolean>;
  forced_groupe: Generated<boolean>;
  lock_version: Generated<number>;
  search_terms: ColumnType<string | null, never, never>;
}
export interface DossierCoEditorsTable { dossier_id: RefId; user_id: RefId }
export interface DossierEventsTable {
  id: Generated<string>;
  dossier_id: RefId;
  type: string;
  actor_id: string | null;
  actor_email: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}
export interface FollowsTable {
  dossier_id: RefId;
  user_id: RefId;
  created_at: Generated<Date>;
  unfollowed_at: TsNull;
  demande_seen_at: Generated<Date>;
  annotations_seen_at: Generated<Date>;
  avis_seen_at: Generated<Date>;
  messagerie_seen_at: Generated<Date>;
}
export type FileOrigin = 'champ' | 'annotation' | 'message' | 'avis' | 'justificatif' | 'attestation' | 'export';
export interface FilesTable {
  id: string;
  dossier_id: string | null;
  origin: FileOrigin;
  origin_ref: string | null;
  name: string;
  content_type: string;
  size: ColumnType<string, number | string, number | string>;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}
export interface MessagesTable {
  id: Generated<string>;
  dossier_id: RefId;
  author_kind: 'usager' | 'instructeur' | 'expert' | 'system';
  author_id: string | null;
  author_email: string;
  body: string;
  file_ids: ColumnType<string[], string[] | undefined, string[]>;
  awaiting_response: Generated<boolean>;
  responded_at: TsNull;
  created_at: Generated<Date>;
  seen_by_recipient_at: TsNull;
  discarded_at: TsNull;
}
export interface CorrectionsTable {
  id: Generated<string>;
  dossier_id: RefId;
  message_id: string | null;
  reason: Generated<'incorrect' | 'incomplete' | 'outdated'>;
  created_at: Generated<Date>;
  resolved_at: TsNull;
}
export interface AvisTable {
  id: Generated<string>;
  dossier_id: RefId;
  expert_id: RefId;
  claimant_id: string | null;
  introduction: Generated<string>;
  question_label: string | null;
  question_answer: boolean | null;
  answer: string | null;
  confidentiel: Generated<boolean>;
  created_at: Generated<Date>;
  answered_at: TsNull;
  revoked_at: TsNull;
}
export interface DossierLabelsTable { dossier_id: RefId; label_id: RefId }
export interface NotificationsTable {
  dossier_id: RefId;
  user_id: RefId;
  kind: string;
  display_at: Generated<Date>;
  created_at: Generated<Date>;
}
export interface AttestationsTable { dossier_id: RefId; file_id: string; created_at: Generated<Date> }
export interface PresentationsTable {
  user_id: RefId;
  procedure_id: RefId;
  columns: Json<unknown[]>;
  sort: Json<unknown | null>;
  filters: Json<Record<string, unknown>>;
  page_size: Generated<number>;
  updated_at: Generated<Date>;
}
export interface RendezVousTable {
  id: Generated<string>;
  dossier_id: RefId;
  starts_at: Ts;
  duration_minutes: number;
  mode: 'sur_place' | 'telephone' | 'visio';
  place: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  cancelled_at: TsNull;
}
export interface DeletedDossiersTable {
  dossier_id: RefId;
  procedure_id: RefId;
  groupe_id: string | null;
  state: string;
  depose_at: TsNull;
  deleted_at: Generated<Date>;
  reason: string;
}
export interface OutboxEmailsTable {
  id: Generated<string>;
  to_email: string;
  subject: string;
  html: string;
  text: string;
  attachments: Json<{ filename: string; fileId?: string; content?: string; contentType: string }[]>;
  created_at: Generated<Date>;
  sent_at: TsNull;
}
export interface AppSettingsTable { key: string; value: string }

export interface DB {
  users: UsersTable;
  administrateurs: RoleTable;
  instructeurs: RoleTable;
  experts: RoleTable;
  sessions: SessionsTable;
  tokens: TokensTable;
  login_attempts: LoginAttemptsTable;
  procedures: ProceduresTable;
  procedure_administrateurs: ProcedureAdministrateursTable;
  procedure_revisions: ProcedureRevisionsTable;
  groupes_instructeurs: GroupesInstructeursTable;
  groupe_members: GroupeMembersTable;
  instructeur_procedures: InstructeurProceduresTable;
  labels: LabelsTable;
  dossiers: DossiersTable;
  dossier_co_editors: DossierCoEditorsTable;
  dossier_events: DossierEventsTable;
  follows: FollowsTable;
  files: FilesTable;
  messages: MessagesTable;
  corrections: CorrectionsTable;
  avis: AvisTable;
  dossier_labels: DossierLabelsTable;
  notifications: NotificationsTable;
  attestations: AttestationsTable;
  presentations: PresentationsTable;
  rendez_vous: RendezVousTable;
  deleted_dossiers: DeletedDossiersTable;
  outbox_emails: OutboxEmailsTable;
  app_settings: AppSettingsTable;
}
