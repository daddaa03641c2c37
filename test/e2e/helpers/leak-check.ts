import type { Page } from 'playwright-core';
import type { SentPayload } from './core-bridge';

/** Everything the page keeps that a token could hide in: DOM, input values, web storage, cookies, IndexedDB. */
export async function pageSurfaces(page: Page): Promise<Record<string, string>> {
  const stored = await page.evaluate(async () => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i)!)])));
    const idb: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        idb[`${info.name}/${storeName}`] = await new Promise((ok) => {
          const all = db.transaction(storeName).objectStore(storeName).getAll();
          all.onsuccess = () => ok(all.result);
          all.onerror = () => ok(`unreadable: ${String(all.error)}`);
        });
      }
      db.close();
    }
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookies: document.cookie,
      indexedDB: JSON.stringify(idb),
      inputs: JSON.stringify(Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value)),
    };
  });
  return { dom: await page.content(), ...stored };
}

/** Names every place a secret turned up: page surfaces and payloads main sent to the page. Empty = no leak. */
export async function findLeaks(page: Page, sent: readonly SentPayload[], secrets: readonly string[]): Promise<string[]> {
  const surfaces = await pageSurfaces(page);
  const hits: string[] = [];
  for (const secret of secrets) {
    const label = `${secret.slice(0, 6)}…(${secret.length} chars)`;
    for (const [where, text] of Object.entries(surfaces)) if (text.includes(secret)) hits.push(`${label} in ${where}`);
    sent.forEach((p, i) => {
      if (p.json.includes(secret)) hits.push(`${label} in ${p.kind} #${i} (${p.channel})`);
    });
  }
  return hits;
}
