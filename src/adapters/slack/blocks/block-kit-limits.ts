/** Block Kit's documented limits (docs.slack.dev, block and composition object references). */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /**
   * Not documented: chat.postMessage answers `msg_blocks_too_long` once the
   * blocks' text adds up to about 13,200 characters (slackapi/bolt-js#2509),
   * so a card keeps well under it.
   */
  messageTextBudget: 12_000,
} as const;
