import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { UsersService } from '../users/users.service';
import { AuditLogEntry } from './audit-log.entity';
import { InvalidAuditCursorError, InvalidAuditPeriodError } from './audit.errors';
import { AuditEntryResponse, AuditPageResponse, AuditQueryDto } from './dto/audit-query.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the audit log (the database trigger writes it): newest first, keyset pagination on id. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async list(query: AuditQueryDto): Promise<AuditPageResponse> {
    const limit = query.limit ?? 50;
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && to < from) throw new InvalidAuditPeriodError();
    const qb = this.dataSource
      .getRepository(AuditLogEntry)
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) {
      const actor = query.actor;
      qb.andWhere(
        new Brackets((w) => {
          if (UUID.test(actor)) w.where('e.actor_user_id = :actor', { actor }).orWhere('e.api_key_id = :actor');
          else w.where('e.actor_subject = :actor', { actor });
        }),
      );
    }
    if (from) qb.andWhere('e.at >= :from', { from });
    if (to) qb.andWhere('e.at < :to', { to });
    if (query.cursor) qb.andWhere('e.id < :before', { before: decodeCursor(query.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const people = await this.users.findByIds(page.map((r) => r.actorUserId ?? ''));
    return {
      items: page.map((row) => toAuditEntryResponse(row, people.get(row.actorUserId ?? ''))),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }
}

function toAuditEntryResponse(row: AuditLogEntry, user?: { email: string; name: string }): AuditEntryResponse {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    actor: {
      userId: row.actorUserId,
      email: user?.email ?? null,
      name: user?.name ?? null,
      subject: row.actorSubject,
      apiKeyId: row.apiKeyId,
    },
    origin: row.origin,
    requestId: row.requestId,
    beforeHash: row.beforeHash,
    afterHash: row.afterHash,
    changedFields: row.changedFields,
  };
}

const encodeCursor = (id: string): string => Buffer.from(JSON.stringify([id])).toString('base64url');

function decodeCursor(raw: string): string {
  try {
    const [id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id)) return id;
  } catch {
    // fall through
  }
  throw new InvalidAuditCursorError();
}
