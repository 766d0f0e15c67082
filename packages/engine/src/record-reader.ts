// The record reader lives in @glasshouse/schema (next to the record's schema, so readers of records
// need not load the engine); the engine keeps exporting it under the same names.
export { parseRecord, readRecord, readRecords } from '@glasshouse/schema';
