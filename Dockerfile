# mta-baseline production image: PostgreSQL build (-Dquarkus.profile=pg), JRE 17, non-root.
#   docker build -t mta-baseline:0.1.0 .
#   docker run -p 8080:8080 -e DB_URL=jdbc:postgresql://db:5432/mta_baseline -e DB_USER=mta \
#              -e DB_PASSWORD=... -e MTA_BASELINE_API_TOKEN=... mta-baseline:0.1.0

# ---- build: the Maven wrapper, as everywhere else ---------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# warm the dependency cache in its own layer (best effort: quarkus resolves a few more at package)
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
COPY policies policies
RUN ./mvnw -B package -DskipTests -Dquarkus.profile=pg

# ---- runtime: JRE only ----------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 mta \
 && useradd --system --uid 10001 --gid mta --home-dir /deployments --no-create-home mta
WORKDIR /deployments
COPY --from=build --chown=10001:10001 /src/target/quarkus-app/ /deployments/
# The policy pack (Rego + METADATA); in Kubernetes a ConfigMap is mounted over it.
COPY --chown=10001:10001 policies/ /deployments/policies/
ENV QUARKUS_PROFILE=pg \
    MTA_BASELINE_POLICY_DIR=/deployments/policies \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Dvertx.cacheDirBase=/tmp/vertx-cache"
USER 10001:10001
EXPOSE 8080
# Bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /q/health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
