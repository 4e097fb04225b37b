import { Module } from '@nestjs/common';
import { UplCatalog } from './upl-catalog';
import { UplController } from './upl.controller';

@Module({ controllers: [UplController], providers: [UplCatalog], exports: [UplCatalog] })
export class UplModule {}
