import { describe, expect, it } from 'vitest';
import { findImage } from '../../../../src/domain/checks/ecr/find-image.js';
import { NO_VERSION, aRepository, anImage, ecrContext } from '../../../support/ecr-builders.js';

describe('findImage', () => {
  it('given the tag is in the repository, when looked up, then it finds the image, its tag and its repository', async () => {
    // given
    const context = ecrContext();

    // when
    const lookup = await findImage(context);

    // then
    expect(lookup).toEqual({ found: { image: anImage(), tag: '1.1.0', repository: aRepository() } });
  });

  it('given no version given and nothing deployed, when looked up, then it skips without asking ECR', async () => {
    // given
    const asked: string[] = [];
    const context = ecrContext(
      {},
      {
        target: NO_VERSION,
        ports: {
          ecr: {
            getRepository: async (name: string) => (asked.push(name), aRepository()),
            describeImage: async (name: string) => (asked.push(name), anImage()),
          },
        },
      },
    );

    // when
    const lookup = await findImage(context);

    // then
    expect(lookup).toEqual({ skipped: { status: 'skip', finding: 'no version given and nothing deployed', fix: '' } });
    expect(asked).toEqual([]);
  });

  it('given the repository does not exist, when looked up, then it skips pointing at ecr.repository', async () => {
    // given
    const context = ecrContext({ repository: undefined });

    // when
    const lookup = await findImage(context);

    // then
    expect(lookup).toEqual({ skipped: { status: 'skip', finding: 'repository shop/backend does not exist (see ecr.repository)', fix: '' } });
  });

  it('given the tag is not in the repository, when looked up, then it skips pointing at ecr.tag', async () => {
    // given
    const context = ecrContext({ image: undefined });

    // when
    const lookup = await findImage(context);

    // then
    expect(lookup).toEqual({ skipped: { status: 'skip', finding: 'tag 1.1.0 is not in shop/backend (see ecr.tag)', fix: '' } });
  });
});
