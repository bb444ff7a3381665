import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * Versioned case documents: each save of a needs assessment or safety plan is a new row, so every version is
 * kept with who saved it and when.
 */
@Entity({ name: 'case_documents' })
@Index('case_documents_version_uq', ['caseId', 'kind', 'version'], { unique: true })
export class CaseDocumentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** needs | safety-plan */
  @Column('text') kind!: string;
  @Column('integer') version!: number;
  @Column('jsonb') content!: unknown;
  @Column('timestamptz', { name: 'saved_at' }) savedAt!: Date;
  @Column('uuid', { name: 'saved_by' }) savedBy!: string;
  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_documents_case_fk' })
  case?: CaseEntity;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'saved_by', foreignKeyConstraintName: 'case_documents_user_fk' })
  user?: UserEntity;
}
