import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/request-context/access';
import { AuditService } from './audit.service';
import { AuditPageResponse, AuditQueryDto } from './dto/audit-query.dto';

@ApiController({ path: 'api/audit', tag: 'audit', access: 'coordinator' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Every write, newest first: who, what (table and key, action), when, row hashes before and after, request id. */
  @Get()
  @ApiOperation({ summary: 'Audit log' })
  list(@Query() query: AuditQueryDto): Promise<AuditPageResponse> {
    return this.audit.list(query);
  }
}
