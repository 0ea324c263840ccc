package net.hosting.accounttransfer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmark's "Dockerfile's way" run starts the JVM as the project's Dockerfile does, read from the file itself. */
class ShippedImageTests {

    @Test
    void readsTheRuntimeStagesEnvironmentAndEntrypointFromTheDockerfile() throws Exception {
        ShippedImage.Start start = ShippedImage.read(Path.of("Dockerfile"));

        // the global ARG defaults, substituted into the last stage's ENV (docs/performance.md, "Memory as shipped")
        assertThat(start.environment())
                .containsEntry("JAVA_TOOL_OPTIONS", "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:Tier4InvocationThreshold=50000 "
                        + "-XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000 -XX:Tier4MinInvocationThreshold=6000")
                .containsEntry("MALLOC_ARENA_MAX", "2");
        assertThat(start.javaFlags()).containsExactly("-XX:SharedArchiveFile=/app/app.jsa");
        assertThat(start.jarInImage()).isEqualTo("/app/app.jar");
    }
}
