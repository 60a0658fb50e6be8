import { loadConfig } from '#config/index.js';
import { createDataSource } from './data-source.js';

/** For the TypeORM CLI only: `npm run migration:generate -- libs/persistence/src/migrations/Name`. */
export default createDataSource(loadConfig().databaseUrl);
