# syntax=docker/dockerfile:1
# One image for every Girou service; docker-compose.yml picks the service with
# `girou serve SERVICE` (or `girou provision`).

# npm packages (data only, no JavaScript runs at run time): installed exactly as locked.
FROM node:22-slim AS npm
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Python packages, built where a compiler and the libpq headers are at hand.
FROM python:3.11-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev \
    && rm -rf /var/lib/apt/lists/*
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /opt/girou
COPY pyproject.toml territory.toml ./
COPY collab collab
COPY portal portal
COPY bridges bridges
COPY bots bots
# Editable, as in development: the portal's templates and static files are not package
# data, so a plain `pip install .` would leave them out. The project directory, where the
# code finds territory.toml and node_modules/ (the working directory), is /opt/girou.
# Synapse reaches PostgreSQL through psycopg2, its "postgres" extra; the portal uses psycopg 3.
RUN pip install --editable . "matrix-synapse[postgres]"

FROM python:3.11-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/girou --no-create-home girou \
    && install -d -o girou -g girou /var/lib/girou
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/girou /opt/girou
COPY --from=npm /src/node_modules /opt/girou/node_modules
ENV PATH=/opt/venv/bin:$PATH \
    GIROU_HOME=/var/lib/girou \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /opt/girou
# A named volume mounted on /var/lib/girou starts with this directory's owner.
USER girou
CMD ["girou", "--help"]
