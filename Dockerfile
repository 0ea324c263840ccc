# The JVM's flags and environment, the same in the class-data-sharing stage and the runtime stage (an archive only
# serves the JVM flags it was written with); the benchmark's "Dockerfile's way" run reads them from this file
# (bench/ShippedImage). Why each one: the runtime stage below.
ARG JVM_FLAGS="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:Tier4InvocationThreshold=50000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000 -XX:Tier4MinInvocationThreshold=6000"
ARG MALLOC_ARENA_MAX=2

# Build stage: the Maven wrapper builds the jar, as on a developer's machine. Every stage pins the newest JDK 17
# patch served (17.0.20+8, July 2026); README "Production" lists what to review each quarter
FROM eclipse-temurin:17.0.20_8-jdk AS build
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

# Class-data-sharing stage: on the runtime image's own JVM, the jar is unpacked (classes load from plain jars, not
# from jars nested in a jar) and started once against a throw-away PostgreSQL until its context is ready, and the
# JVM writes every class it loaded to app.jsa. Starting from that archive skips loading, parsing and verifying
# them again: 40% less CPU to become ready (docs/performance.md, P5).
FROM eclipse-temurin:17.0.20_8-jre AS cds
ARG JVM_FLAGS
ARG MALLOC_ARENA_MAX
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /workspace/app.jar /tmp/app.jar
RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /app
# the same flags and environment as the runtime stage below, so that the archive matches the JVM that uses it
ENV JAVA_TOOL_OPTIONS="${JVM_FLAGS}" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}
RUN service postgresql start \
    && su postgres -c "psql -q -c \"alter user postgres password 'training'\"" \
    && su postgres -c "createdb training" \
    && SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/training \
       SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=training \
       SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=25 \
       CAMUNDA_ADMIN_USER=training CAMUNDA_ADMIN_PASSWORD=training-only \
       BILLING_SELLER_NAME=training BILLING_SELLER_ADDRESS=training BILLING_SELLER_SIREN=123456782 \
       BILLING_SELLER_VATNUMBER=FR11123456782 \
       java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh \
            -jar /app/app.jar \
    && service postgresql stop

# Runtime stage: a JRE only, run as an unprivileged user
FROM eclipse-temurin:17.0.20_8-jre
ARG JVM_FLAGS
ARG MALLOC_ARENA_MAX
RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=cds --chown=root:root /app /app
USER app

# a fixed heap and the serial collector, from the benchmark (docs/performance.md): a percentage of the container's
# memory would grow the heap, not the headroom that metaspace, code and threads need beside it. -Xms64m: the heap
# starts small and grows only as far as it is used, whatever the host's memory (17 to 25 MB less at peak under 16
# clients). The Tier4 thresholds, ten times the defaults, leave a method to the quick compiler until it has run
# 50,000 times: the optimising compiler then works on what stays hot, not on what only the start runs (5 s less
# CPU to become ready, the same CPU per transfer). On 2 cores and a 256 MB heap the serial
# collector's pauses are short and it keeps none of G1's remembered sets (40 MB at this heap size) or concurrent
# threads. MALLOC_ARENA_MAX=2: glibc's malloc otherwise keeps up to 8 arenas per core for the JVM's 57 threads, and
# memory the JIT compiler freed stays resident in them (docs/performance.md, "Memory as shipped"). The class archive
# of the stage above is used when it matches, and ignored (never fatal) when not. Give the container at least 640 MiB.
ENV JAVA_TOOL_OPTIONS="${JVM_FLAGS}" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}
EXPOSE 8080
# curl ships with the Ubuntu-based Temurin images; Camunda needs a while to deploy at first start
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
