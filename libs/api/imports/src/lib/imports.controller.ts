import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, Problems, ValidBody, ValidQuery } from '@lantern/api/core';
import {
  IMPORT_MAPPING_REQUEST,
  IMPORT_PREVIEW_MAX_BYTES,
  IMPORT_QUERY,
  type ImportMapping,
  type ImportMappingRequest,
  type ImportPreview,
  type ImportQuery,
  type ImportSummary,
} from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { cleanFileName, ImportsService } from './imports.service';

export const IMPORTS_PATH = '/api/v1/imports';
export const IMPORTS_PREVIEW_PATH = '/api/v1/imports/preview';

/** text/csv, optionally with charset=utf-8. */
function assertCsv(req: Request): void {
  if (!req.is('text/csv')) throw Problems.unsupportedMediaType('Send the file as text/csv (UTF-8).');
  const charset = /charset="?([^;"]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw Problems.unsupportedMediaType('Send the file as text/csv in UTF-8.');
}

const CSV_BODY = {
  required: true,
  description:
    'the CSV extract (UTF-8, optional BOM): a header row of contract paths in dot notation (or mapped headers), one report per row',
  schema: { type: 'string', format: 'binary' },
} as const;

/** Bulk import of police reports from CSV (docs/imports.md). Team leads and admins (`imports.run`). */
@ApiTags('imports')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('mappings')
  @Allow('imports.run')
  @ApiOperation({ summary: 'Saved header mappings (header → contract path, null: ignored)' })
  mappings(): Promise<ImportMapping[]> {
    return this.imports.mappings();
  }

  @Post('mappings')
  @HttpCode(201)
  @Allow('imports.run')
  @ApiOperation({ summary: 'Save a named header mapping; every path must be a value of the police report contract' })
  createMapping(@CurrentUserParam() user: AuthUser, @ValidBody(IMPORT_MAPPING_REQUEST) body: ImportMappingRequest): Promise<ImportMapping> {
    return this.imports.createMapping(user, body);
  }

  @Post('preview')
  @HttpCode(200)
  @Allow('imports.run')
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOperation({
    summary: `How the header maps and what validation says of the first rows (≤ ${IMPORT_PREVIEW_MAX_BYTES / 1024} KiB, 20 rows); stores nothing`,
  })
  async preview(@Req() req: Request, @ValidQuery(IMPORT_QUERY) query: ImportQuery): Promise<ImportPreview> {
    assertCsv(req);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > IMPORT_PREVIEW_MAX_BYTES) throw Problems.tooLarge(`Send at most the file's first ${IMPORT_PREVIEW_MAX_BYTES / 1024} KiB.`);
      chunks.push(chunk);
    }
    if (!size) throw Problems.validation([{ path: '/', message: 'the file is empty' }], 'The file is empty.');
    return this.imports.preview(Buffer.concat(chunks), { force: query.force, mappingId: query.mapping });
  }

  /**
   * Upload a CSV extract: stored to a temporary file while hashed, checked (CSV syntax, header, size) and imported
   * in the background. 202 with `Location`; progress on GET /imports/:id and the socket (`import.progress`).
   */
  @Post()
  @HttpCode(202)
  @Allow('imports.run')
  @ApiOperation({
    summary: 'Import a CSV extract of police reports (202; rows imported in the background)',
    description:
      "`?force=` (optional, recommended): the force the extract is from; it fills an empty `source.force` and every row must be that force (else a row error). Without it each row must name its force. A row may not revise a reference that reached the hub through the force's feed or the officer app (409 `reference-taken`, a row error); an exact duplicate of what the hub has is a duplicate. Rows are at most 1 MiB.",
  })
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiHeader({ name: 'X-File-Name', required: false, description: "the file's name (URI-encoded), if not in ?fileName=" })
  @ApiResponse({ status: 202, description: 'accepted: {id, status, …} (the GET shape), Location: /api/v1/imports/:id' })
  @ApiResponse({
    status: 400,
    description: 'malformed CSV, a row over 1 MiB, no header, no data rows, unknown or clashing columns (named), not UTF-8: nothing stored',
  })
  @ApiResponse({ status: 413, description: 'larger than LANTERN_IMPORT_MAX_MB' })
  @ApiResponse({ status: 415, description: 'not text/csv' })
  async start(
    @CurrentUserParam() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @ValidQuery(IMPORT_QUERY) query: ImportQuery,
  ): Promise<ImportSummary> {
    assertCsv(req);
    const header = req.headers['x-file-name'];
    const length = Number(req.headers['content-length']);
    const summary = await this.imports.start(user, req, {
      force: query.force,
      mappingId: query.mapping,
      fileName: cleanFileName(query.fileName ?? (Array.isArray(header) ? header[0] : header)),
      contentLength: Number.isFinite(length) ? length : undefined,
    });
    res.setHeader('Location', `${IMPORTS_PATH}/${summary.id}`);
    return summary;
  }

  @Get()
  @Allow('imports.run')
  @ApiOperation({ summary: 'The 50 most recent imports the caller may read (its own; all for team leads), counts only' })
  list(@CurrentUserParam() user: AuthUser): Promise<ImportSummary[]> {
    return this.imports.list(user);
  }

  @Get(':id')
  @Allow('imports.run')
  @ApiOperation({ summary: 'One import: status, counts, the first 1,000 errors {line, path, message} and errorCount' })
  @ApiResponse({ status: 404, description: "no such import, or not the caller's (only its creator and team leads see one)" })
  async get(@CurrentUserParam() user: AuthUser, @IdParam('id', 'No such import.') id: string): Promise<ImportSummary> {
    const summary = await this.imports.summary(id, undefined, user);
    if (!summary) throw Problems.notFound('No such import.');
    return summary;
  }

  @Get(':id/errors.csv')
  @Allow('imports.run')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The bad rows: import.line, import.errors and the row's original cells (formula-safe); audited" })
  @ApiResponse({ status: 404, description: "no such import, or not the caller's (only its creator and team leads see one)" })
  async errorsCsv(@CurrentUserParam() user: AuthUser, @IdParam('id', 'No such import.') id: string, @Res() res: Response): Promise<void> {
    const out = await this.imports.errorsCsv(user, id);
    if (!out) throw Problems.notFound('No such import.');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${out.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(out.csv);
  }
}
