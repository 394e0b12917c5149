// Calling MCP tools from integration tests through an SDK client, and waiting for mail delivery.
import assert from 'node:assert/strict';

export const callTool = (client, name, args) => client.callTool({ name, arguments: args });

/** Calls a tool that must succeed and returns its structured result. */
export async function toolOk(client, name, args) {
  const r = await callTool(client, name, args);
  assert.equal(r.isError ?? false, false, `${name}: ${r.content?.[0]?.text}`);
  return r.structuredContent;
}

/** Waits for Exim's (asynchronous) delivery into INBOX of a message with `subject`; returns its uid. */
export async function deliveredUid(client, subject) {
  for (let i = 0; i < 100; i++) {
    const r = await toolOk(client, 'search_mail_messages', { folder: 'INBOX', subject });
    if (r.count > 0) return r.uids[0];
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`"${subject}" was not delivered`);
}
