// `recommend --online`: the registry confirms the recommended tag and gives real compressed sizes.

import type { CliIO } from '../cli/io.js';
import { parseReference } from '../reference/index.js';
import { compressedSize, parsePlatform } from '../pin/online.js';
import { registryFromFlags, type RegistryFlagValues } from '../pin/flags.js';
import type { AdviseOptions } from './types.js';

export async function onlineAdvice(flags: RegistryFlagValues, io: CliIO): Promise<Pick<AdviseOptions, 'tags' | 'size'>> {
  const registry = await registryFromFlags(flags, io);
  const platform = parsePlatform(flags.platform ?? 'linux/amd64');
  const tagLists = new Map<string, Promise<string[]>>();
  return {
    tags: (repository) => {
      if (!tagLists.has(repository)) tagLists.set(repository, registry.tags(parseReference(repository)));
      return tagLists.get(repository)!;
    },
    size: (image) => compressedSize(registry, parseReference(image), platform),
  };
}
