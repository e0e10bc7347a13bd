// Writes an OCI image layout with one 40 MiB gzip layer (random bytes: it does not compress) and
// prints its directory: what `npm run bench` inspects. Built with the tests' image builder.
import { randomBytes } from 'node:crypto';
import { LayoutBuilder } from '../test/helpers/image-builder.js';

const b = await LayoutBuilder.create();
const layer = await b.layer([{ path: 'etc/os-release', content: 'ID=alpine\n' }, { path: 'big.bin', content: randomBytes(40 * 1024 * 1024) }], 'gzip');
await b.image([layer], { tag: 't' });
console.log(await b.finish());
