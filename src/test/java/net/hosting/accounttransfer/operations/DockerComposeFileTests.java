package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks docker-compose.yml as YAML, since no Docker engine runs where the tests run.
 */
class DockerComposeFileTests {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    /** A version has at least a major and a minor number, so {@code postgres:17} or {@code 17-alpine} still float. */
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    /** The only way compose lets a variable have no default: {@code ${VAR:?message}} or {@code ${VAR?message}}. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?\\?[^}]*}");

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY).*");

    private static Map<String, Object> services;
    private static Map<String, PropertyMetadata> knownProperties;

    @BeforeAll
    static void readTheComposeFileAndTheConfigurationMetadata() throws IOException {
        Map<String, Object> compose = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(PROJECT.resolve("docker-compose.yml"))));
        services = map(compose.get("services"));
        knownProperties = configurationMetadata();
    }

    @Test
    void definesThePostgresMailpitAndAppServices() {
        assertThat(services).containsKeys("postgres", "mailpit", "app");
    }

    @Test
    void pinsEveryImageToAVersion() {
        Map<String, String> images = new TreeMap<>();
        services.forEach((name, service) -> {
            Object image = map(service).get("image");
            if (image != null) {
                images.put(name, image.toString());
            }
        });
        assertThat(images).containsKeys("postgres", "mailpit");
        assertThat(images).allSatisfy((service, image) -> assertThat(isPinned(image))
                .as("service %s uses image %s, which is not pinned to a version", service, image)
                .isTrue());
    }

    @Test
    void buildsTheAppFromTheDockerfileWhoseBaseImagesArePinned() throws IOException {
        Path dockerfile = dockerfileOf(map(services.get("app")));
        assertThat(dockerfile).as("the app's Dockerfile").isRegularFile();

        List<String> baseImages = baseImagesOf(dockerfile);
        assertThat(baseImages).as("FROM lines of %s", dockerfile).isNotEmpty();
        assertThat(baseImages).allSatisfy(image -> assertThat(isPinned(image))
                .as("base image %s in %s is not pinned to a version", image, dockerfile)
                .isTrue());
    }

    /** The JDK 17 images carry at least the quarterly security update last reviewed (README "Security"). */
    @Test
    void theJdkImagesCarryTheReviewedSecurityUpdate() throws IOException {
        Runtime.Version reviewed = Runtime.Version.parse("17.0.20");
        List<String> temurin = baseImagesOf(dockerfileOf(map(services.get("app")))).stream()
                .filter(image -> image.startsWith("eclipse-temurin:")).toList();
        assertThat(temurin).as("the Dockerfile's JDK and JRE images").isNotEmpty();
        assertThat(temurin).allSatisfy(image -> assertThat(Runtime.Version.parse(
                image.replaceAll("^eclipse-temurin:([0-9.]+)_.*$", "$1")))
                .as("%s is older than JDK %s", image, reviewed).isGreaterThanOrEqualTo(reviewed));
    }

    @Test
    void startsTheAppOnlyOnceTheDatabaseIsHealthy() {
        Object dependsOn = map(services.get("app")).get("depends_on");
        assertThat(dependsOn)
                .as("app.depends_on must be the long form, since the short list form only waits for the container to start")
                .isInstanceOf(Map.class);
        assertThat(map(map(dependsOn).get("postgres"))).containsEntry("condition", "service_healthy");

        Map<String, Object> healthcheck = map(map(services.get("postgres")).get("healthcheck"));
        assertThat(healthcheck).as("postgres.healthcheck").containsKey("test").doesNotContainEntry("disable", true);
        assertThat(healthcheck.get("test").toString()).contains("pg_isready");
    }

    @Test
    void givesTheAppOnlyEnvironmentVariablesTheAppReads() {
        Map<String, Object> app = map(services.get("app"));
        assertThat(app).as("variables in an env_file cannot be checked here").doesNotContainKey("env_file");
        Map<String, Object> environment = environmentOf(app);
        assertThat(environment).as("app.environment").containsKeys("SPRING_DATASOURCE_URL", "SPRING_MAIL_HOST", "SPRING_MAIL_PORT");

        Map<String, String> unread = new TreeMap<>();
        Map<String, String> readAs = new TreeMap<>();
        environment.keySet().forEach(variable -> readerOf(variable).ifPresentOrElse(
                reader -> readAs.put(variable, reader),
                () -> unread.put(variable, "no Spring property binds it, and src/main does not read it by name")));
        assertThat(unread).as("variables the app never reads (read ones: %s)", readAs).isEmpty();
    }

    @Test
    void theEnvironmentCheckMapsVariablesToPropertiesAndRejectsOnesNobodyReads() {
        assertThat(readerOf("SPRING_DATASOURCE_URL")).contains("property spring.datasource.url");
        assertThat(readerOf("SPRING_MAIL_PORT")).contains("property spring.mail.port");
        assertThat(readerOf("APP_PUBLIC_URL")).contains("property app.public-url");
        assertThat(readerOf("TRANSFER_REMINDER_BEFORE")).contains("property transfer.reminder-before");
        assertThat(readerOf("LOGGING_LEVEL_ROOT")).contains("property logging.level (a map)");
        assertThat(readerOf("CAMUNDA_ADMIN_USER")).hasValueSatisfying(reader -> assertThat(reader).contains("EmbeddedDefaults.java"));

        assertThat(readerOf("SPRING_DATASOURCE_URLX")).isEmpty();
        assertThat(readerOf("APP_PUBLIC_URI")).isEmpty();
        assertThat(readerOf("CAMUNDA_ADMIN")).isEmpty();
        assertThat(readerOf("CAMUNDA_ADMIN_USERX")).isEmpty();
    }

    @Test
    void givesNoSecretADefault() {
        Map<String, String> secrets = new TreeMap<>();
        services.forEach((service, definition) -> environmentOf(map(definition)).forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                secrets.put(service + "." + variable, String.valueOf(value));
            }
        }));
        assertThat(secrets).as("secrets in the compose file").containsKeys(
                "postgres.POSTGRES_PASSWORD", "app.SPRING_DATASOURCE_PASSWORD", "app.CAMUNDA_ADMIN_PASSWORD");
        assertThat(secrets).allSatisfy((variable, value) -> assertThat(isRequiredVariable(value))
                .as("%s is %s; a secret must come from a required variable such as ${NAME:?set NAME}", variable, value)
                .isTrue());
    }

    @Test
    void thePinAndSecretChecksRejectWhatTheyShould() {
        assertThat(isPinned("postgres:17.6-alpine")).isTrue();
        assertThat(isPinned("registry.example.com:5000/team/app:1.2.3")).isTrue();
        assertThat(isPinned("postgres@sha256:0123abcd")).isTrue();
        assertThat(isPinned("postgres")).isFalse();
        assertThat(isPinned("postgres:latest")).isFalse();
        assertThat(isPinned("postgres:17")).isFalse();
        assertThat(isPinned("postgres:alpine")).isFalse();
        assertThat(isPinned("registry.example.com:5000/team/app")).isFalse();

        assertThat(isRequiredVariable("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}")).isTrue();
        assertThat(isRequiredVariable("${POSTGRES_PASSWORD?set it}")).isTrue();
        assertThat(isRequiredVariable("${POSTGRES_PASSWORD:-changeme}")).isFalse();
        assertThat(isRequiredVariable("${POSTGRES_PASSWORD}")).isFalse();
        assertThat(isRequiredVariable("changeme")).isFalse();
        assertThat(isRequiredVariable("")).isFalse();
    }

    // how the app comes to read a variable: a Spring property it binds to, or the variable's own name in src/main

    private static Optional<String> readerOf(String variable) {
        return boundProperty(variable).map(property -> "property " + property).or(() -> readByName(variable));
    }

    /** Spring Boot's own relaxed binding decides, exactly as it binds the real environment. */
    private static Optional<String> boundProperty(String variable) {
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
        List<ConfigurationPropertyName> given = ((IterableConfigurationPropertySource) environment).stream().toList();
        for (PropertyMetadata property : knownProperties.values()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property.name());
            if (name == null) {
                continue;
            }
            if (environment.getConfigurationProperty(name) != null) {
                return Optional.of(property.name());
            }
            if (property.isMap() && given.stream().anyMatch(name::isAncestorOf)) {
                return Optional.of(property.name() + " (a map)");
            }
        }
        return Optional.empty();
    }

    /** A quoted name in Java ({@code "CAMUNDA_ADMIN_USER"}) or a placeholder in configuration ({@code ${APP_PUBLIC_URL}}). */
    private static Optional<String> readByName(String variable) {
        Pattern javaLiteral = Pattern.compile("\"" + Pattern.quote(variable) + "\"");
        Pattern placeholder = Pattern.compile("\\$\\{" + Pattern.quote(variable) + "[:}]");
        try (Stream<Path> files = Stream.concat(Files.walk(PROJECT.resolve("src/main/java")),
                Files.walk(PROJECT.resolve("src/main/resources")))) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> (file.toString().endsWith(".java") && javaLiteral.matcher(read(file)).find())
                            || (isConfiguration(file) && placeholder.matcher(read(file)).find()))
                    .map(file -> "by name in " + PROJECT.relativize(file))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isConfiguration(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".properties");
    }

    /** Every {@code META-INF/spring-configuration-metadata.json} on the classpath: Spring Boot's, Camunda's and ours. */
    private static Map<String, PropertyMetadata> configurationMetadata() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, PropertyMetadata> properties = new LinkedHashMap<>();
        List<URL> files = Collections.list(DockerComposeFileTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
        for (URL file : files) {
            try (InputStream in = file.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    properties.putIfAbsent(name, new PropertyMetadata(name, property.path("type").asText("")));
                }
            }
        }
        assertThat(properties).as("configuration metadata found in %s", files)
                .containsKeys("spring.datasource.url", "app.public-url", "billing.zone", "transfer.expiry");
        return properties;
    }

    private record PropertyMetadata(String name, String type) {

        boolean isMap() {
            return type.startsWith("java.util.Map<");
        }
    }

    // reading compose and Dockerfile syntax

    static boolean isPinned(String image) {
        int digest = image.indexOf("@sha256:");
        if (digest >= 0) {
            return true;
        }
        int colon = image.lastIndexOf(':');
        if (colon < image.lastIndexOf('/') + 1) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.equals("latest") && VERSION.matcher(tag).find();
    }

    static boolean isRequiredVariable(String value) {
        return REQUIRED_VARIABLE.matcher(value.trim()).matches();
    }

    private static Path dockerfileOf(Map<String, Object> service) {
        Object build = service.get("build");
        assertThat(build).as("app.build").isNotNull();
        if (build instanceof String context) {
            return PROJECT.resolve(context).resolve("Dockerfile").normalize();
        }
        Map<String, Object> options = map(build);
        Path context = PROJECT.resolve(String.valueOf(options.getOrDefault("context", ".")));
        return context.resolve(String.valueOf(options.getOrDefault("dockerfile", "Dockerfile"))).normalize();
    }

    /** The image of each {@code FROM}, leaving out references to earlier stages. */
    private static List<String> baseImagesOf(Path dockerfile) throws IOException {
        Pattern from = Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
        List<String> stages = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            Matcher matcher = from.matcher(line);
            if (matcher.find()) {
                if (!stages.contains(matcher.group(1))) {
                    images.add(matcher.group(1));
                }
                if (matcher.group(2) != null) {
                    stages.add(matcher.group(2));
                }
            }
        }
        return images;
    }

    /** Compose accepts a map or a list of {@code NAME=value}. */
    private static Map<String, Object> environmentOf(Map<String, Object> service) {
        Object environment = service.get("environment");
        if (environment == null) {
            return Map.of();
        }
        if (environment instanceof List<?> entries) {
            Map<String, Object> variables = new LinkedHashMap<>();
            for (Object entry : entries) {
                String[] nameAndValue = entry.toString().split("=", 2);
                variables.put(nameAndValue[0], nameAndValue.length == 2 ? nameAndValue[1] : null);
            }
            return variables;
        }
        return map(environment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
