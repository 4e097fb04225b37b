import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentResponse, UpdateDepartmentDto, toDepartmentResponse } from './dto/department.dto';

@ApiTags('departments')
@Access('agent')
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  async list(): Promise<DepartmentResponse[]> {
    return (await this.departments.list()).map(toDepartmentResponse);
  }

  /** By id or slug. */
  @Get(':ref')
  async get(@Param('ref') ref: string): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.departments.get(ref));
  }

  @Post()
  @Access('admin')
  async create(@Body() dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.departments.create(dto));
  }

  @Patch(':ref')
  @Access('admin')
  async update(@Param('ref') ref: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.departments.update(ref, dto));
  }
}
