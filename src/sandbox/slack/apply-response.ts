import type { ResponseUrlGrant } from './response-urls.js';
import type { SlackWorkspace } from './slack-workspace.js';

export interface ResponseBody {
  text?: string;
  blocks?: unknown[];
  responseType: 'ephemeral' | 'in_channel';
  replaceOriginal: boolean;
  deleteOriginal: boolean;
  threadTs?: string;
}

/**
 * What a response_url post does to the channel: delete or replace the
 * original (the clicked message, or the last post through this URL), or post
 * anew, in the channel or only to the person who asked.
 */
export function applyResponse(workspace: SlackWorkspace, grant: ResponseUrlGrant, response: ResponseBody): void {
  const target = grant.original ?? grant.lastPost;
  const original = target ? workspace.find(target) : undefined;
  const content = { text: response.text ?? '', ...(response.blocks ? { blocks: response.blocks } : {}) };
  if (response.deleteOriginal) {
    if (original) workspace.remove(original);
    return;
  }
  if (response.replaceOriginal && original) {
    workspace.edit(original, content, 'response_url');
    return;
  }
  const thread = response.threadTs ? { threadTs: response.threadTs } : {};
  if (response.responseType === 'in_channel') {
    const { world } = workspace;
    const message = workspace.post({
      channel: grant.channel,
      user: world.botUserId,
      botId: world.botId,
      replyBroadcast: false,
      via: 'response_url',
      ...thread,
      ...content,
    });
    grant.lastPost = { kind: 'message', channel: message.channel, ts: message.ts };
  } else {
    const ephemeral = workspace.postEphemeral({
      channel: grant.channel,
      user: grant.user,
      via: 'response_url',
      ...thread,
      ...content,
    });
    grant.lastPost = { kind: 'ephemeral', channel: ephemeral.channel, ts: ephemeral.ts };
  }
}
