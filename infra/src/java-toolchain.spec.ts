import { javaMajorVersion } from './java-toolchain';

describe('javaMajorVersion', () => {
  it('reads the major version of a modern JDK', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
  });

  it('reads Java 8 from its legacy 1.x numbering', () => {
    expect(javaMajorVersion('java version "1.8.0_392"')).toBe(8);
  });

  it('reads a version without minor part', () => {
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
  });

  it('returns undefined for output it does not recognise', () => {
    expect(javaMajorVersion('command not found')).toBeUndefined();
  });
});
