import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The audit log's read side; the database writes it (trigger) with context from AuditContextSubscriber. */
@Module({ imports: [UsersModule], controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
