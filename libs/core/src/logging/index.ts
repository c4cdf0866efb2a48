export { createLogger, LOG_FORMATS, LOG_LEVELS } from './create-logger.js';
