import { Body, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Access, ApiController } from '../common/request-context/access';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentResponse, UpdateDepartmentDto, toDepartmentResponse } from './dto/department.dto';

@ApiController({ path: 'api/departments', tag: 'departments', access: 'agent' })
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: 'List departments (vakafdelingen)' })
  async list(): Promise<DepartmentResponse[]> {
    return (await this.departments.list()).map(toDepartmentResponse);
  }

  /** By id or slug. */
  @Get(':ref')
  @ApiOperation({ summary: 'Get a department by slug or id' })
  async get(@Param('ref') ref: string): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.departments.get(ref));
  }

  @Post()
  @ApiOperation({ summary: 'Create a department' })
  @Access('admin')
  async create(@Body() dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.departments.create(dto));
  }

  @Patch(':ref')
  @ApiOperation({ summary: 'Update a department' })
  @Access('admin')
  async update(@Param('ref') ref: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentResponse> {
    return toDepartmentResponse(await this.departments.update(ref, dto));
  }
}
