export { createLogger, LOG_FORMATS, LOG_LEVELS } from './create-logger.js';
export { PinoNestLogger } from './pino-nest-logger.js';
