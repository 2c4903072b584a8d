import type { Block } from '../blocks/block-kit.js';
import { context, divider, header } from '../blocks/builders.js';
import { deployBlocks, lockBlocks, releaseBlocks } from './app-home/activity-blocks.js';
import type { AppHomeView } from './app-home/app-home-view.js';
import { approvalBlocks } from './app-home/approval-blocks.js';
import { environmentBlocks } from './app-home/environment-blocks.js';
import { person, utcMinute } from './app-home/home-text.js';

export type { AppHomeView, HomeDeploy, HomeDeployOutcome, HomeEnvironment, HomeLock, HomePendingApproval, HomeRelease, HomeService } from './app-home/app-home-view.js';

/** Slack's limit on the blocks of a Home tab view (a message has 50). */
export const HOME_VIEW_MAX_BLOCKS = 100;

/**
 * The App Home tab (issue 6): every environment and service with the image
 * running and its readiness verdict, the approvals the viewer may act on
 * (Approve / Reject, as on the approval card), active locks, the last
 * releases (when there are any) and the last deploys. Every list is capped
 * and folds into a count line, so the view stays within 100 blocks however
 * big the fleet is (65 at most).
 */
export function renderAppHome(view: AppHomeView): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [
    header('shipmate · releases'),
    context(`For ${person(view.viewerId)} · as of ${utcMinute(view.generatedAt)}`),
    ...environmentBlocks(view.environments),
    divider(),
    header('Waiting for your approval'),
    ...approvalBlocks(view.pendingApprovals),
    divider(),
    header('Locks'),
    ...lockBlocks(view.activeLocks),
    divider(),
    ...releaseSection(view),
    header('Recent deploys'),
    ...deployBlocks(view.recentDeploys),
  ];
  if (view.environments.length === 0) blocks.splice(2, 0, context('No environments configured.'));
  return { type: 'home', blocks: blocks.slice(0, HOME_VIEW_MAX_BLOCKS) };
}

/** "Recent releases" and its lines, then a divider; nothing when no release is in the audit read. */
function releaseSection(view: AppHomeView): Block[] {
  const lines = releaseBlocks(view.recentReleases ?? []);
  return lines.length === 0 ? [] : [header('Recent releases'), ...lines, divider()];
}
