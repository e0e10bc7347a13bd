// The fixture Dockerfiles of the pin tests. Repository names are Docker Hub official images; the
// tests push stand-ins for them into a local registry used as the docker.io mirror.

/** Multi-stage, --platform, ARG defaults (quoted and bare), COPY --from and RUN --mount from= images,
 * comments, a continuation inside FROM, lower-case keywords, scratch, stage references, CRLF, BOM. */
export const MAIN = [
  '\uFEFF# syntax=docker/dockerfile:1',
  'ARG BASE="«node:22»"',
  'ARG GO_VERSION=1.22',
  '# the builder',
  'FROM --platform=$BUILDPLATFORM «golang:1.22» AS build',
  'COPY --from=«alpine:3.20» /etc/os-release /tmp/os-release',
  'RUN --mount=type=cache,target=/root/.cache \\',
  '    --mount=type=bind,from=«busybox:1.36»,source=/bin,target=/mnt \\',
  '    echo build',
  'FROM golang:${GO_VERSION} AS versioned',
  'from $BASE as runtime',
  'COPY --from=build /etc/hostname /app/hostname',
  'FROM scratch AS empty',
  'COPY --from=runtime /app /app',
  'FROM runtime',
  'FROM \\',
  '  «alpine:3.20» AS again',
  'FROM «busybox»',
  '',
].join('\r\n');

/** Tags MAIN needs, as docker.io short names. */
export const MAIN_TAGS = ['node:22', 'golang:1.22', 'alpine:3.20', 'busybox:1.36', 'busybox:latest'];
