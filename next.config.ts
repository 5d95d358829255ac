import type { NextConfig } from 'next';

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A native module (the Skia canvas PDF previews are drawn on): loaded from node_modules, never bundled.
  serverExternalPackages: ['@napi-rs/canvas'],
  // Server actions pass through proxy.ts, which buffers a copy of each body: no more than an action accepts (1 MB).
  experimental: { proxyClientMaxBodySize: '1mb' },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Share links must not leak through the Referer header of outbound links, nor be indexed.
      {
        source: '/share/:token*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
    ];
  },
};

export default nextConfig;
