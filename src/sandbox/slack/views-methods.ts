import { blockJsonPointer } from './block-kit-checks.js';
import { homeViewsOf, type PublishedHomeView } from './home-views.js';
import { SlackApiError } from './slack-api-error.js';
import type { SlackWorkspace } from './slack-workspace.js';
import { findHomeViewProblem } from './validate-home-view.js';
import type { WebApiMethod } from './web-api-method.js';

/**
 * views.publish: sets the Home tab `user_id` sees. A view Slack would refuse
 * answers invalid_arguments with the problem and its json-pointer in
 * response_metadata, as Slack does for views (messages answer invalid_blocks).
 */
export const viewsPublish: WebApiMethod = {
  token: 'bot',
  run({ workspace, args }) {
    const userId = args.string('user_id');
    if (!userId) throw invalidArguments('must provide a string', '/user_id');
    if (!workspace.user(userId)) throw new SlackApiError('user_not_found');
    const view = parseView(args.string('view'));
    const problem = findHomeViewProblem(view);
    if (problem) throw invalidArguments(problem.reason, blockJsonPointer(problem.path));
    const published = homeViewsOf(workspace).publish(userId, view as Record<string, unknown>, workspace.now());
    return { view: homeViewObject(published, workspace) };
  },
};

function parseView(text: string | undefined): unknown {
  if (text === undefined) throw invalidArguments('must provide an object', '/view');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidArguments('must provide an object', '/view');
  }
}

function invalidArguments(reason: string, pointer: string): SlackApiError {
  return new SlackApiError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${reason} [json-pointer:${pointer}]`] } });
}

/** The view as Slack answers it: what was sent plus the fields Slack adds. */
export function homeViewObject(published: PublishedHomeView, workspace: SlackWorkspace): Record<string, unknown> {
  const { world } = workspace;
  const { view } = published;
  return {
    id: published.id,
    team_id: world.teamId,
    type: 'home',
    blocks: view.blocks,
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    state: { values: {} },
    hash: published.hash,
    title: { type: 'plain_text', text: 'View Title', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: published.id,
    app_id: world.appId,
    external_id: view.external_id ?? '',
    app_installed_team_id: world.teamId,
    bot_id: world.botId,
  };
}
