# syntax=docker/dockerfile:1

# ---- build --------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml ./
COPY src ./src
# The cache mount keeps downloaded dependencies between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# ---- run ----------------------------------------------------------------------------------------
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 switchboard \
 && useradd --system --uid 10001 --gid switchboard --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin switchboard
WORKDIR /app
COPY --from=build /build/target/switchboard-*.jar /app/app.jar
# IVR flows and seed schedules; mount over /app/config to edit them live (flows reload on change)
COPY config /app/config
USER 10001:10001
# 8080: web UI, REST API and /actuator (Prometheus scrapes /actuator/prometheus)
# 4573: FastAGI, reached by Asterisk as agi://<host>:4573/<script>
EXPOSE 8080 4573
# Extra JVM options can be given with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
