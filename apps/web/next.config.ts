import type { NextConfig } from 'next';

/** Where the API listens; the web app proxies to it so pages, GraphQL and auth share one origin (the session cookie is first-party). */
const apiOrigin = process.env.WEFT_API_ORIGIN ?? 'http://127.0.0.1:4000';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The build artefacts of tests and `npm start` may live elsewhere (parallel builds must not share one folder).
  distDir: process.env.WEFT_WEB_DIST_DIR ?? '.next',
  rewrites() {
    return Promise.resolve([
      // `next start` proxies the graphql-ws upgrade of /graphql along with HTTP.
      { source: '/graphql', destination: `${apiOrigin}/graphql` },
      { source: '/api/:path*', destination: `${apiOrigin}/api/:path*` },
      { source: '/hooks/:path*', destination: `${apiOrigin}/hooks/:path*` },
    ]);
  },
};

export default config;
