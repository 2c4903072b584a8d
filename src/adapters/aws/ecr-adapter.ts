import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetDownloadUrlForLayerCommand,
} from '@aws-sdk/client-ecr';
import type { EcrPort, Platform } from '../../ports/ecr.port.js';
import { PortError } from '../../ports/port-error.js';
import { callAws, callAwsUnlessMissing } from './aws-call.js';
import { awsClientConfig, describeEndpoint, type AwsAdapterOptions } from './aws-client-options.js';
import { downloadBlob } from './download-blob.js';
import { ACCEPTED_MANIFEST_TYPES } from './ecr-media-types.js';
import { toEcrImage, toEcrRepository } from './ecr-mapping.js';
import { platformOfConfig, readManifestPlatforms } from './manifest-platforms.js';

const REPOSITORY_NOT_FOUND = 'RepositoryNotFoundException';
const IMAGE_NOT_FOUND = 'ImageNotFoundException';

export function createEcrPort(options: AwsAdapterOptions): EcrPort {
  const client = new ECRClient(awsClientConfig(options));
  const endpoint = describeEndpoint(options, 'ECR');
  const call = (operation: string) => ({ system: 'ECR', operation, endpoint });

  async function configPlatform(repositoryName: string, configDigest: string): Promise<Platform> {
    const { downloadUrl } = await callAws(call('GetDownloadUrlForLayer'), () =>
      client.send(new GetDownloadUrlForLayerCommand({ repositoryName, layerDigest: configDigest })),
    );
    if (!downloadUrl) throw new PortError('remote', `ECR GetDownloadUrlForLayer: no download URL for ${configDigest}`);
    const config = await downloadBlob(downloadUrl, configDigest);
    return readOrFail(`the image config of ${repositoryName}`, () => platformOfConfig(config.toString('utf8')));
  }

  return {
    async getRepository(name) {
      const output = await callAwsUnlessMissing(call('DescribeRepositories'), [REPOSITORY_NOT_FOUND], () =>
        client.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })),
      );
      const repository = output?.repositories?.find((r) => r.repositoryName === name);
      return repository ? toEcrRepository(repository) : undefined;
    },

    async describeImage(repositoryName, tag) {
      const output = await callAwsUnlessMissing(call('DescribeImages'), [IMAGE_NOT_FOUND, REPOSITORY_NOT_FOUND], () =>
        client.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: tag }] })),
      );
      const detail = output?.imageDetails?.[0];
      return detail ? toEcrImage(detail) : undefined;
    },

    async imagePlatforms(repositoryName, tag) {
      const output = await callAwsUnlessMissing(call('BatchGetImage'), [REPOSITORY_NOT_FOUND], () =>
        client.send(
          new BatchGetImageCommand({ repositoryName, imageIds: [{ imageTag: tag }], acceptedMediaTypes: ACCEPTED_MANIFEST_TYPES }),
        ),
      );
      const manifestText = output?.images?.[0]?.imageManifest;
      if (!manifestText) {
        // A missing tag is a failure entry (ImageNotFound), not an exception; any other failure is an error.
        const failure = output?.failures?.find((f) => f.failureCode !== 'ImageNotFound');
        if (failure) {
          throw new PortError('remote', `ECR BatchGetImage: ${failure.failureCode}: ${failure.failureReason ?? 'no reason given'}`);
        }
        return [];
      }
      const manifest = readOrFail(`the manifest of ${repositoryName}:${tag}`, () => readManifestPlatforms(manifestText));
      if (manifest.kind === 'index') return manifest.platforms;
      if (manifest.kind === 'inline') return [manifest.platform];
      return [await configPlatform(repositoryName, manifest.configDigest)];
    },
  };
}

function readOrFail<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new PortError('remote', `ECR: cannot read ${what}: ${(error as Error).message}`);
  }
}
