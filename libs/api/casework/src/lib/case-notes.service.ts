import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { CaseChanges } from '@lantern/api/cases';
import { Problems, UUID } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import type { CaseNote, CaseNoteRequest } from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { bumpCaseVersion } from './case-version';

interface NoteRow {
  id: string;
  case_id: string;
  text: string;
  author_id: string;
  display_name: string;
  created_at: Date;
}

const toNote = (r: NoteRow): CaseNote => ({
  id: r.id,
  caseId: r.case_id,
  text: r.text,
  author: { id: r.author_id, displayName: r.display_name },
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Case notes: timestamped words on a case, by hub staff. The author and time are the server's; a note is never
 * changed or deleted (the database refuses it), so a correction is a new note. Adding one gives the case a new
 * version, so every open case page and the History tab learn of it (case.changed); every read and write is audited
 * (ids and counts only, never the words).
 */
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
  ) {}

  private async notesWhere(m: Pick<EntityManager, 'query'>, where: string, params: unknown[]): Promise<CaseNote[]> {
    const rows = (await m.query(
      `SELECT n.id, n.case_id, n.text, n.author_id, u.display_name, n.created_at
         FROM case_notes n JOIN users u ON u.id = n.author_id
        WHERE ${where} ORDER BY n.created_at DESC, n.id DESC`,
      params,
    )) as NoteRow[];
    return rows.map(toNote);
  }

  /** Newest first. */
  async list(user: AuthUser, caseId: string): Promise<CaseNote[]> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    return this.db.transaction(async (m) => {
      const notes = await this.notesWhere(m, 'n.case_id = $1', [caseId]);
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.notes-read',
        entityType: 'case',
        entityId: caseId,
        details: { notes: notes.length },
      });
      return notes;
    });
  }

  async add(user: AuthUser, caseId: string, body: CaseNoteRequest, now = new Date()): Promise<CaseNote> {
    if (!UUID.test(caseId)) throw Problems.notFound('No such case.');
    const text = body.text.trim();
    if (!text) throw Problems.validation([{ path: '/text', message: 'must not be blank' }]);
    return this.changes.run(now, async (tx, m) => {
      const id = randomUUID();
      await m.query(`INSERT INTO case_notes (id, case_id, author_id, text, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        caseId,
        user.id,
        text,
        now,
      ]);
      await bumpCaseVersion(tx, caseId, user.id, 'case.note-added', { noteId: id, length: text.length });
      const [note] = await this.notesWhere(m, 'n.id = $1', [id]);
      return note;
    });
  }
}
