// The facts the rules decide on (libc, shell, package manager, CA certificates), from real contents.
import type { ImageFacts } from '../catalog/types.js';
import type { ImageContents } from './types.js';

export interface ContentFacts extends Pick<ImageFacts, 'libc' | 'shell' | 'packageManager' | 'distro' | 'distroVersion'> {
  caCertificates: boolean;
  timezoneData: boolean;
  /** A JVM image's kind, when the image has a JVM. */
  java: ImageFacts['java'];
  /** Always 'contents': the rules say the facts come from what is really inside. */
  source: 'contents';
}

export function contentsToFacts(c: ImageContents): ContentFacts {
  return {
    libc: c.libc,
    shell: c.shell,
    packageManager: c.packageManager,
    distro: c.os?.id ?? null,
    distroVersion: c.os?.versionId ?? null,
    caCertificates: c.caCertificates,
    timezoneData: c.timezoneData,
    java: c.runtime?.name === 'java' ? c.runtime.kind : null,
    source: 'contents',
  };
}
