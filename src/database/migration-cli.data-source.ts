import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source';

// For the TypeORM CLI only (`npm run migration:generate -- migrations/Name`): needs DATABASE_URL.
const config = loadAppConfig();
export default new DataSource(buildDataSourceOptions({ url: config.database.url, poolSize: 2 }));
