package net.hosting.accounttransfer.transfer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

/** {@link EngineReads} reads Camunda's internal entities, which change without notice between versions. */
class EngineReadsTests {

    @Test
    void wasCheckedAgainstTheCamundaEngineOnTheClasspath() throws IOException {
        Properties engine = new Properties();
        try (InputStream pom = ProcessEngine.class.getResourceAsStream(
                "/META-INF/maven/org.camunda.bpm/camunda-engine/pom.properties")) {
            assertThat(pom).as("camunda-engine's pom.properties").isNotNull();
            engine.load(pom);
        }
        assertThat(engine.getProperty("version"))
                .as("Camunda was upgraded: re-read EngineReads against the new version's ExecutionEntity, TaskEntity"
                        + " and command context, run the decision tests, then set EngineReads.CHECKED_AGAINST")
                .isEqualTo(EngineReads.CHECKED_AGAINST);
    }
}
