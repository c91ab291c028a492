/**
 * Addresses the SSRF guard must refuse unless allow-listed: loopback in every spelling
 * (v4, v6, mapped, hex, decimal, short, octal), unspecified, cloud metadata, private and
 * shared ranges. `PORT` stands for a local canary server's port.
 */
export const SSRF_CORPUS = [
  'http://[::1]:PORT/',
  'http://[::ffff:127.0.0.1]:PORT/',
  'http://[::ffff:7f00:1]:PORT/',
  'http://[0:0:0:0:0:ffff:127.0.0.1]:PORT/',
  'http://0x7f000001:PORT/',
  'http://2130706433:PORT/',
  'http://127.1:PORT/',
  'http://0177.0.0.1:PORT/',
  'http://0.0.0.0:PORT/',
  'http://[::]:PORT/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://10.0.0.1/',
  'http://192.168.0.1/',
] as const;
