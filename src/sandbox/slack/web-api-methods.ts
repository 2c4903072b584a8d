import { chatPostEphemeral, chatPostMessage, chatUpdate } from './chat-methods.js';
import { appsConnectionsOpen, authTest, conversationsInfo, usersInfo } from './info-methods.js';
import { usergroupsList, usergroupsUsersList } from './usergroup-methods.js';
import { viewsPublish } from './views-methods.js';
import type { WebApiMethod } from './web-api-method.js';

/** The Web API methods the sandbox serves; any other answers unknown_method. */
export const WEB_API_METHODS: ReadonlyMap<string, WebApiMethod> = new Map([
  ['auth.test', authTest],
  ['apps.connections.open', appsConnectionsOpen],
  ['chat.postMessage', chatPostMessage],
  ['chat.update', chatUpdate],
  ['chat.postEphemeral', chatPostEphemeral],
  ['conversations.info', conversationsInfo],
  ['users.info', usersInfo],
  ['usergroups.list', usergroupsList],
  ['usergroups.users.list', usergroupsUsersList],
  ['views.publish', viewsPublish],
]);
