# Build stage: the Maven wrapper builds the jar, as on a developer's machine
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /workspace

# dependencies first, in their own layer, so a source change does not download them again
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

COPY src/ src/
COPY processes/ processes/
# the tests run in CI (.ci/run), not in the image build
RUN ./mvnw -B -DskipTests package \
    && cp target/account-transfer-*.jar app.jar

# Runtime stage: a JRE only, run as an unprivileged user
FROM eclipse-temurin:17.0.15_6-jre
RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=root:root /workspace/app.jar /app/app.jar
USER app

# a fixed heap and the serial collector, from the benchmark (README "Performance"): with -Xmx256m the service
# peaked below 512 MiB resident under 16 and 32 clients; a percentage of the container's memory would grow the
# heap, not the headroom that metaspace, code and threads need beside it. On 2 cores and a 256 MB heap the serial
# collector's pauses are short and it keeps none of G1's remembered sets or concurrent threads.
# Give the container at least 640 MiB.
ENV JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC"
EXPOSE 8080
# curl ships with the Ubuntu-based Temurin images; Camunda needs a while to deploy at first start
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
