import http from 'node:http';

/** Streams a download and counts its lines and bytes without holding it (large exports). */
export function countDownload(url: string | URL, token: string): Promise<{ lines: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download: status ${res.statusCode}`));
      let lines = 0;
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
      });
      res.on('end', () => resolve({ lines, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
