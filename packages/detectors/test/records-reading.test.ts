import { describe, expect, it } from 'vitest';
import { dismissesReading, numberValue, statusMeaning } from '@glasshouse/detectors';

describe('a compliance reader: statuses that dismiss the reading, numbers with a decimal comma', () => {
  it.each([
    'EXCEEDANCE (sensor fault - disregard)',
    'invalid reading',
    'spurious spike, ignore',
    'calibration error',
    'false alarm',
    'outlier excluded',
    'probe malfunction; real level normal',
    'OK - data error',
    'removed from the average',
  ])('%s dismisses the reading: a reader does not count the breach', (status) => {
    expect(dismissesReading(status)).toBe(true);
    expect(statusMeaning(status)).toBe('compliant');
  });
  it.each([
    'EXCEEDANCE',
    'EXCEEDANCE - reported',
    'EXCEEDANCE - not a sensor fault',
    'breach, no calibration error found',
    'EXCEEDANCE - nothing excluded',
    'EXCEEDANCE, probe failure ruled out',
    'EXCEEDANCE, sensor fault not found',
  ])('%s does not dismiss it', (status) => {
    expect(dismissesReading(status)).toBe(false);
    expect(statusMeaning(status)).toBe('breach');
  });
  it('reads a decimal comma as a decimal, a three-digit group as thousands', () => {
    expect(numberValue('41,3')).toBe(41.3);
    expect(numberValue('0,0412')).toBe(0.0412);
    expect(numberValue('41,30 ppm')).toBe(41.3);
    expect(numberValue('1,234')).toBe(1234);
    expect(numberValue('12,345,678')).toBe(12345678);
  });
});
