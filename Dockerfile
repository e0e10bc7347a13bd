# plinth as an image: `docker build -t plinth .` then
# `docker run --rm -v "$PWD:/src:ro" -w /src plinth lint .`
# Built on a full Node image (compilers for npm ci), shipped on Alpine: plinth's own advice. Nothing
# in it is a native addon (sql.js is WebAssembly), so musl is fine.
FROM node:22.23.2-alpine3.24 AS build
WORKDIR /plinth
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM node:22.23.2-alpine3.24
WORKDIR /plinth
COPY --from=build /plinth/package.json ./
COPY --from=build /plinth/bin ./bin
COPY --from=build /plinth/dist/bundle ./dist/bundle
COPY --from=build /plinth/src/catalog/data ./src/catalog/data
COPY --from=build /plinth/docs ./docs
# sql.js: the optional peer that reads rpm databases (its wasm sits beside it).
COPY --from=build /plinth/node_modules/sql.js ./node_modules/sql.js
USER node
ENTRYPOINT ["node", "/plinth/bin/plinth.js"]
CMD ["--help"]
