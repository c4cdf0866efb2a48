/** class-transformer keeps the @Type() metadata in this module (CommonJS build, the one Node loads); it ships no typing for the path. */
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage.js').MetadataStorage;
}
