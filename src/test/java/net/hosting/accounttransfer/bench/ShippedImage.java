package net.hosting.accounttransfer.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service as the {@code Dockerfile} starts it, read from the Dockerfile itself so that the benchmark's
 * "Dockerfile's way" run cannot drift from the image: the runtime stage's {@code ENV} (with the global {@code ARG}
 * defaults it names) and its {@code ENTRYPOINT}'s JVM flags; and the class-data archive made as its {@code cds}
 * stage makes it: the jar unpacked, one training start until the context is ready with the same environment.
 *
 * @param environment the runtime stage's {@code ENV}, such as {@code JAVA_TOOL_OPTIONS} and {@code MALLOC_ARENA_MAX}
 * @param javaFlags the {@code ENTRYPOINT}'s flags between {@code java} and {@code -jar}, paths under {@code /app/}
 *     moved to the unpacked directory
 * @param jar the unpacked application jar
 */
record ShippedImage(Map<String, String> environment, List<String> javaFlags, Path jar) {

    /** Where the image keeps the unpacked jar and its archive ({@code WORKDIR}, {@code ENTRYPOINT}). */
    private static final String IN_IMAGE = "/app/";

    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** What the Dockerfile's last stage sets and runs: its environment and the ENTRYPOINT's command. */
    record Start(Map<String, String> environment, List<String> entrypoint) {

        /** The flags between {@code java} and {@code -jar}. */
        List<String> javaFlags() {
            int jar = entrypoint.indexOf("-jar");
            if (entrypoint.isEmpty() || !entrypoint.get(0).endsWith("java") || jar < 0 || jar + 1 >= entrypoint.size()) {
                throw new IllegalStateException("the Dockerfile's ENTRYPOINT is not java … -jar <jar>: " + entrypoint);
            }
            return entrypoint.subList(1, jar);
        }

        String jarInImage() {
            javaFlags();
            return entrypoint.get(entrypoint.indexOf("-jar") + 1);
        }
    }

    /** Reads the last stage's ENV and ENTRYPOINT (exec form), resolving the global ARG defaults. */
    static Start read(Path dockerfile) throws IOException {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        int stages = 0;
        for (String line : instructions(dockerfile)) {
            String[] parts = line.trim().split("\\s+", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            switch (parts[0].toUpperCase()) {
                case "FROM" -> {
                    stages++;
                    environment.clear();
                    entrypoint = List.of();
                }
                case "ARG" -> {
                    if (stages == 0) {
                        keyValues(rest).forEach(globalArgs::put);
                    }
                }
                case "ENV" -> keyValues(rest).forEach((name, value) -> environment.put(name, substitute(value, globalArgs)));
                case "ENTRYPOINT" -> {
                    List<String> words = new ArrayList<>();
                    Matcher matcher = JSON_STRING.matcher(rest);
                    while (matcher.find()) {
                        words.add(matcher.group(1));
                    }
                    entrypoint = words;
                }
                default -> {
                }
            }
        }
        return new Start(environment, entrypoint);
    }

    /**
     * Unpacks {@code jar} into {@code directory} and writes its class-data archive there the way the Dockerfile's
     * {@code cds} stage does: one start with the runtime environment plus {@code serviceEnvironment} (a throw-away
     * database), {@code -XX:ArchiveClassesAtExit} and {@code -Dspring.context.exit=onRefresh}.
     */
    static ShippedImage build(Path dockerfile, Path jar, Path directory, Map<String, String> serviceEnvironment)
            throws Exception {
        Start start = read(dockerfile);
        Files.createDirectories(directory);
        run(List.of(ServiceProcess.javaBinary(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
                "--force", "--destination", directory.toAbsolutePath().toString()), Map.of(),
                directory.resolve("extract.log"));
        Path unpacked = directory.resolve(jar.getFileName());
        List<String> flags = start.javaFlags().stream().map(flag -> inDirectory(flag, start, directory, unpacked)).toList();
        Path archive = flags.stream().filter(flag -> flag.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .map(flag -> Path.of(flag.substring("-XX:SharedArchiveFile=".length())))
                .orElse(null);
        if (archive != null) {
            Files.deleteIfExists(archive);
            Map<String, String> training = new LinkedHashMap<>(serviceEnvironment);
            training.putAll(start.environment());
            training.put("SERVER_PORT", "0");
            List<String> command = new ArrayList<>(List.of(ServiceProcess.javaBinary(),
                    "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar", unpacked.toString()));
            run(command, training, directory.resolve("training.log"));
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training start wrote no " + archive + ": see "
                        + directory.resolve("training.log"));
            }
        }
        return new ShippedImage(start.environment(), flags, unpacked);
    }

    private static String inDirectory(String flag, Start start, Path directory, Path unpacked) {
        int at = flag.indexOf(IN_IMAGE);
        if (at < 0) {
            return flag;
        }
        String inImage = flag.substring(at);
        Path local = inImage.equals(start.jarInImage()) ? unpacked
                : directory.toAbsolutePath().resolve(inImage.substring(IN_IMAGE.length()));
        return flag.substring(0, at) + local;
    }

    private static void run(List<String> command, Map<String, String> environment, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("APP_")
                || name.startsWith("CAMUNDA_") || name.startsWith("TRANSFER_") || name.startsWith("JAVA_TOOL"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 10 minutes: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit code " + process.exitValue() + " from " + command + ": see " + log);
        }
    }

    /** The Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(Path dockerfile) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try (Stream<String> lines = Files.lines(dockerfile)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.stripLeading().startsWith("#") || (line.isBlank() && current.isEmpty())) {
                    continue;
                }
                String stripped = line.stripTrailing();
                if (stripped.endsWith("\\")) {
                    current.append(stripped, 0, stripped.length() - 1).append(' ');
                } else {
                    instructions.add(current.append(stripped).toString());
                    current.setLength(0);
                }
            }
        }
        if (!current.isEmpty()) {
            instructions.add(current.toString());
        }
        return instructions;
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher matcher = KEY_VALUE.matcher(text);
        while (matcher.find()) {
            String value = matcher.group(2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            values.put(matcher.group(1), value);
        }
        return values;
    }

    private static String substitute(String value, Map<String, String> args) {
        return VARIABLE.matcher(value).replaceAll(m -> Matcher.quoteReplacement(args.getOrDefault(m.group(1), "")));
    }
}
