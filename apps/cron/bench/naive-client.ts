import platformClient from 'purecloud-platform-client-v2';

export interface NaiveResult {
  leavers: number;
  /** The listing stopped at Genesys' 10,000-result ceiling, so some leavers were never seen. */
  listingCut: boolean;
  copies: number;
  refused: number;
  requests: number;
  wallMs: number;
}

interface UserEntity {
  id?: string;
  manager?: { id?: string };
}

interface MessageEntity {
  id?: string;
  read?: boolean;
}

/**
 * What an administrator scripts by hand from Genesys' own instructions, with the SDK: list the
 * inactive users, list each one's voicemail, copy each unread message to the manager, one call
 * after another. No pacing or retries are needed at this speed: one call at a time never
 * reaches the rate limit. Stops after `maxLeavers` leavers when given, so a benchmark can time a
 * sample.
 */
export async function runNaiveClient(options: {
  url: string;
  clientId: string;
  clientSecret: string;
  maxLeavers?: number;
}): Promise<NaiveResult> {
  const started = Date.now();
  const { port, hostname } = new URL(options.url);
  // The SDK's process-wide client, as a hand-written script uses it. Its config-file watcher is
  // switched off so the benchmark process can exit.
  const client = platformClient.ApiClient.instance;
  client.config.setConfigPath('');
  client.setGateway({ host: hostname, protocol: 'http', port: Number(port) });
  await client.loginClientCredentialsGrant(options.clientId, options.clientSecret);
  const users = new platformClient.UsersApi(client);
  const voicemail = new platformClient.VoicemailApi(client);
  let requests = 0;
  let copies = 0;
  let refused = 0;

  const leavers: UserEntity[] = [];
  let listingCut = false;
  try {
    for (let page = 1; ; page++) {
      const listing = await users.getUsers({ state: 'inactive', pageSize: 100, pageNumber: page });
      requests++;
      leavers.push(...((listing.entities ?? []) as UserEntity[]));
      if (page >= (listing.pageCount ?? 0)) break;
    }
  } catch {
    // Genesys refuses pages past 10,000 results; a script that only pages never sees the rest.
    listingCut = true;
  }

  const chosen = leavers.slice(0, options.maxLeavers ?? leavers.length);
  for (const leaver of chosen) {
    if (!leaver.id) continue;
    const listing = await voicemail.getVoicemailUserMessages(leaver.id, { pageSize: 100 });
    requests++;
    const managerId = leaver.manager?.id;
    if (!managerId) continue;
    for (const message of (listing.entities ?? []) as MessageEntity[]) {
      if (message.read || !message.id) continue;
      requests++;
      try {
        await voicemail.postVoicemailMessages({
          body: { voicemailMessageId: message.id, userId: managerId },
        });
        copies++;
      } catch {
        // A manager who left too is refused; a hand-written script notes it and goes on.
        refused++;
      }
    }
  }
  return {
    leavers: chosen.length,
    listingCut,
    copies,
    refused,
    requests,
    wallMs: Date.now() - started,
  };
}
