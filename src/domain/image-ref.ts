/** A container image reference split into its parts: REPO[:TAG][@DIGEST]. */
export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(image: string): ImageRef {
  const [nameAndTag = '', digest] = image.split('@', 2);
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  const tag = colon === -1 ? undefined : nameAndTag.slice(colon + 1);
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The repository name inside a registry host: 123.dkr.ecr.eu-west-1.amazonaws.com/shop/backend -> shop/backend */
export function repositoryPath(repository: string): string {
  const firstSlash = repository.indexOf('/');
  const host = firstSlash === -1 ? '' : repository.slice(0, firstSlash);
  const looksLikeHost = host.includes('.') || host.includes(':') || host === 'localhost';
  return looksLikeHost ? repository.slice(firstSlash + 1) : repository;
}
