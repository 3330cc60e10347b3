# hoego: multi-stage build, small runtime image, non-root user.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY migrations ./migrations
COPY benches ./benches
COPY config ./config
COPY assets ./assets
RUN cargo build --release --locked --bin hoego

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /var/lib/hoego --uid 10001 hoego
COPY --from=build /src/target/release/hoego /usr/local/bin/hoego
COPY config /etc/hoego/config
WORKDIR /var/lib/hoego
USER hoego
ENV HOEGO_HTTP__BIND=0.0.0.0:9187 \
    HOEGO_DATABASE__URL=sqlite:///var/lib/hoego/hoego.db \
    HOEGO_TEAM__TEMPLATES_DIR=""
EXPOSE 9187
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9187 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["hoego"]
CMD ["run"]
