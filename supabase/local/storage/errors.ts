// Storage's error shape: HTTP 400 with the intended status in the body's statusCode (as storage-js expects from the
// hosted service), and the database errors an operation can meet, mapped once.
export class StorageError extends Error {
  statusCode: string;
  code: string;
  error: string;
  httpStatus: number;
  constructor(statusCode: string, code: string, error: string, message: string, httpStatus = 400) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.error = error;
    this.httpStatus = httpStatus;
  }
}

export const notFound = () => new StorageError('404', 'NoSuchKey', 'not_found', 'Object not found');
export const noBucket = () => new StorageError('404', 'NoSuchBucket', 'Bucket not found', 'Bucket not found');

export function fromDb(error: { code?: string; message: string }): StorageError {
  if (error.code === '42501') return new StorageError('403', 'AccessDenied', 'Unauthorized', error.message);
  if (error.code === '23505') return new StorageError('409', 'Duplicate', 'Duplicate', 'The resource already exists');
  if (error.code === '23503') return noBucket();
  return new StorageError('500', 'DatabaseError', 'internal', error.message, 500);
}
