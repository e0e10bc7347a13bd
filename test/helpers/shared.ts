// Where ../shared sits: beside the repository (dist/test/helpers/ -> repo root -> ..).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHARED = join(REPO, '..', 'shared');
