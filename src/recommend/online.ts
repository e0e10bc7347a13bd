// `recommend --online`: the registry confirms the recommended tag and gives real compressed sizes.
import { compressedSize } from '../facts/online.js';
import { DEFAULT_PLATFORM, type Platform } from '../reference/platform.js';
import { parseReference } from '../reference/parse.js';
import type { Registry } from '../registry/types.js';
import type { AdviseOptions } from '../advisor/types.js';

export function onlineAdvice(registry: Registry, platform: Platform = DEFAULT_PLATFORM): Pick<AdviseOptions, 'tags' | 'size'> {
  const tagLists = new Map<string, Promise<string[]>>();
  return {
    tags: (repository) => {
      let list = tagLists.get(repository);
      if (!list) tagLists.set(repository, (list = registry.tags(parseReference(repository))));
      return list;
    },
    size: (image) => compressedSize(registry, parseReference(image), platform),
  };
}
