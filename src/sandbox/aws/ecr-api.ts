import type { World, WorldRepository } from '../world.js';
import { arns } from './aws-arns.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall, AwsService } from './aws-service.js';
import { blobDownloadUrl } from './ecr-blobs.js';
import { repositoryContent, type StoredManifest } from './ecr-manifests.js';
import { imageDetailView, repositoryView } from './ecr-views.js';
import { pageOf } from './paging.js';

const VALIDATION = 'InvalidParameterException';
/** DescribeRepositories and DescribeImages: 100 results per page unless maxResults (1 to 1000) says otherwise. */
const LIST_PAGE = { default: 100, max: 1000 };
const TAG_STATUSES = ['TAGGED', 'UNTAGGED', 'ANY'] as const;

function describeRepositories({ world, input }: AwsCall) {
  checkRegistry(world, input, input.optionalStringList('repositoryNames', {})?.[0] ?? '*');
  const names = input.optionalStringList('repositoryNames', { min: 1, max: 100 });
  if (names) {
    refusePagingWithIds(input, 'repositoryNames');
    return { repositories: names.map((name) => repositoryView(world, findRepository(world, name))) };
  }
  const page = pageOf(
    world.ecr.repositories,
    { nextToken: input.optionalString('nextToken'), pageSize: maxResults(input), scope: 'DescribeRepositories' },
    () => input.invalid('Invalid parameter at nextToken: the token is not valid'),
  );
  return { repositories: page.items.map((r) => repositoryView(world, r)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

function describeImages({ world, input }: AwsCall) {
  const repository = findRepository(world, input.string('repositoryName'));
  checkRegistry(world, input, repository.name);
  const { manifests } = repositoryContent(repository);
  const detail = (m: StoredManifest) => imageDetailView(world, repository, m);
  if (input.has('imageIds')) {
    refusePagingWithIds(input, 'imageIds');
    const ids = input.objectList('imageIds', { min: 1, max: 100 });
    return {
      imageDetails: ids.map((id) => {
        const found = findManifest(manifests, id);
        if (found === 'missing-id') throw input.invalid("Invalid parameter at 'imageIds': imageTag or imageDigest must be specified");
        if (!found || found === 'tag-digest-mismatch') throw imageNotFound(world, repository, id);
        return detail(found);
      }),
    };
  }
  const tagStatus = input.optionalObject('filter')?.optionalEnum('tagStatus', TAG_STATUSES) ?? 'ANY';
  const listed = manifests.filter((m) => tagStatus === 'ANY' || (tagStatus === 'TAGGED') === m.tags.length > 0);
  const page = pageOf(
    listed,
    { nextToken: input.optionalString('nextToken'), pageSize: maxResults(input), scope: `DescribeImages:${repository.name}:${tagStatus}` },
    () => input.invalid('Invalid parameter at nextToken: the token is not valid'),
  );
  return { imageDetails: page.items.map(detail), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/**
 * Manifests by tag or digest. A manifest whose media type the caller did not
 * accept is not handed over: ECR's registry API answers MANIFEST_UNKNOWN
 * ("has media type X, but client accepts Y") in that case, which is the
 * ImageNotFound failure here. Without acceptedMediaTypes any type is served.
 */
function batchGetImage({ world, input }: AwsCall) {
  const repository = findRepository(world, input.string('repositoryName'));
  checkRegistry(world, input, repository.name);
  const ids = input.objectList('imageIds', { min: 1, max: 100 });
  const accepted = input.optionalStringList('acceptedMediaTypes', { min: 1, max: 100 });
  const { manifests } = repositoryContent(repository);
  const images: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const id of ids) {
    const imageId = imageIdOf(id);
    const found = findManifest(manifests, id);
    const fail = (failureCode: string, failureReason: string) => failures.push({ imageId, failureCode, failureReason });
    if (found === 'missing-id') {
      fail('MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null');
    } else if (found === 'tag-digest-mismatch') {
      fail('ImageTagDoesNotMatchDigest', 'Invalid request parameters: given tag does not match the given digest');
    } else if (!found) {
      fail('ImageNotFound', 'Requested image not found');
    } else if (accepted && !accepted.includes(found.mediaType)) {
      const accepts = accepted.join(',');
      fail('ImageNotFound', `Manifest with digest '${found.digest}' has media type '${found.mediaType}', but client accepts '${accepts}'.`);
    } else {
      images.push({
        registryId: world.accountId,
        repositoryName: repository.name,
        imageId: { imageDigest: found.digest, ...(imageId.imageTag ? { imageTag: imageId.imageTag } : {}) },
        imageManifest: found.text,
        imageManifestMediaType: found.mediaType,
      });
    }
  }
  return { images, failures };
}

function getDownloadUrlForLayer({ world, input, baseUrl }: AwsCall) {
  const repository = findRepository(world, input.string('repositoryName'));
  checkRegistry(world, input, repository.name);
  const layerDigest = input.string('layerDigest');
  if (!repositoryContent(repository).blobs.has(layerDigest)) {
    throw new AwsError('LayersNotFoundException', `The layer with digest '${layerDigest}' does not exist ${where(world, repository)}`);
  }
  return { downloadUrl: blobDownloadUrl(baseUrl, repository.name, layerDigest), layerDigest };
}

function findRepository(world: World, name: string): WorldRepository {
  const repository = world.ecr.repositories.find((r) => r.name === name);
  if (!repository) {
    throw new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${world.accountId}'`,
    );
  }
  return repository;
}

/** The sandbox has one registry, the account's; asking another one finds no repository. */
function checkRegistry(world: World, input: AwsInput, repositoryName: string): void {
  const registryId = input.optionalString('registryId');
  if (registryId !== undefined && registryId !== world.accountId) {
    throw new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${repositoryName}' does not exist in the registry with id '${registryId}'`,
    );
  }
}

function refusePagingWithIds(input: AwsInput, idsField: string): void {
  for (const field of ['nextToken', 'maxResults']) {
    if (input.has(field)) throw input.invalid(`Invalid parameter: ${field} cannot be used together with ${idsField}`);
  }
}

function maxResults(input: AwsInput): number {
  return input.optionalInteger('maxResults', { min: 1, max: LIST_PAGE.max }) ?? LIST_PAGE.default;
}

function imageIdOf(id: AwsInput): { imageDigest?: string; imageTag?: string } {
  const imageDigest = id.optionalString('imageDigest');
  const imageTag = id.optionalString('imageTag');
  return { ...(imageDigest ? { imageDigest } : {}), ...(imageTag ? { imageTag } : {}) };
}

function findManifest(manifests: StoredManifest[], id: AwsInput): StoredManifest | undefined | 'missing-id' | 'tag-digest-mismatch' {
  const { imageDigest, imageTag } = imageIdOf(id);
  if (!imageDigest && !imageTag) return 'missing-id';
  const byTag = imageTag ? manifests.find((m) => m.tags.includes(imageTag)) : undefined;
  const byDigest = imageDigest ? manifests.find((m) => m.digest === imageDigest) : undefined;
  if (imageTag && imageDigest) return byTag && byTag !== byDigest ? 'tag-digest-mismatch' : byTag;
  return byTag ?? byDigest;
}

function imageNotFound(world: World, repository: WorldRepository, id: AwsInput): AwsError {
  const { imageDigest, imageTag } = imageIdOf(id);
  const imageId = `{imageDigest:'${imageDigest ?? 'null'}', imageTag:'${imageTag ?? 'null'}'}`;
  return new AwsError('ImageNotFoundException', `The image with imageId ${imageId} does not exist within ${where(world, repository)}`);
}

function where(world: World, repository: WorldRepository): string {
  return `the repository with name '${repository.name}' in the registry with id '${world.accountId}'`;
}

export const ecrApi: AwsService = {
  targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
  system: 'ecr',
  signingName: 'ecr',
  iamPrefix: 'ecr',
  messageKey: 'message',
  validationCode: VALIDATION,
  accessDenied: { code: 'AccessDeniedException', status: 400 },
  throttling: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: {
    DescribeRepositories: describeRepositories,
    DescribeImages: describeImages,
    BatchGetImage: batchGetImage,
    GetDownloadUrlForLayer: getDownloadUrlForLayer,
  },
  resourceArn(_operation, input, world) {
    const name = input.optionalString('repositoryName') ?? input.optionalStringList('repositoryNames', {})?.[0];
    return name ? arns.ecrRepository(world, name) : `arn:aws:ecr:${world.region}:${world.accountId}:repository/*`;
  },
};
