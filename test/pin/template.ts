// Fixture Dockerfiles written as templates: «image» marks an image pin must rewrite.
export const MARK = /«([^»]+)»/g;

/** The Dockerfile as the user wrote it. */
export function source(template: string): string {
  return template.replace(MARK, '$1');
}

/** Every image the template marks, as written. */
export function marked(template: string): string[] {
  return [...template.matchAll(MARK)].map((m) => m[1]!);
}

/** The Dockerfile as pin must leave it: each mark gets its tag's digest (an untagged name gets `:latest`). */
export function pinned(template: string, digestOf: (image: string) => string): string {
  return template.replace(MARK, (_m, image: string) => {
    const name = image.slice(image.lastIndexOf('/') + 1);
    const tagged = name.includes(':') ? image : `${image}:latest`;
    return `${tagged}@${digestOf(image.includes(':') ? image : `${image}:latest`)}`;
  });
}
