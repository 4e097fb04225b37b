import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/request-context/access';
import { AuditService } from './audit.service';
import { AuditPageResponse, AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Access('coordinator')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Every write, newest first: who, what (table and key, action), when, row hashes before and after, request id. */
  @Get()
  @ApiOperation({ summary: 'Audit log' })
  list(@Query() query: AuditQueryDto): Promise<AuditPageResponse> {
    return this.audit.list(query);
  }
}
