package net.hosting.accounttransfer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.hosting.accounttransfer.transfer.TransferMails;
import net.hosting.accounttransfer.transfer.TransferSteps;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The packages of the application and what each may use, stated once in {@link #MAY_USE} and checked on the
 * production classes and on the tests; README's "Where to find what" follows this table.
 */
class ArchitectureTests {

    private static final String BASE = "net.hosting.accounttransfer";

    /** What every package may use besides the table's arrows: the shared exceptions and the infrastructure. */
    private static final Set<String> SHARED = Set.of("common", "infrastructure");

    /**
     * Each package (with its subpackages, unless they have a line of their own) and the packages it may use,
     * besides itself and {@link #SHARED}. The arrows point one way, downwards (STYLE.md); a feature's pages
     * ({@code <feature>.web}) sit above web, which holds what pages of several features share. Only configuration
     * could reach the process adapter, and none needs to.
     */
    private static final Map<String, Set<String>> MAY_USE = table(
            "common",           "",
            "infrastructure",   "",
            "account",          "",
            "billing",          "",
            "history",          "",
            "notification",     "billing",
            "profile",          "billing history notification",
            "document",         "billing notification",
            "security",         "profile",
            "transfer",         "account billing history notification profile",
            "transfer.process", "transfer profile",
            "web",              "billing notification profile",
            "profile.web",      "web profile",
            "history.web",      "web account billing document history profile",
            "transfer.web",     "web profile.web account billing history profile security transfer",
            "config",           "billing",
            "embedded",         "account billing notification profile");

    /**
     * A test may use what its package may use, the test support, and these: the customers, accounts,
     * subscriptions and actors any test sets up its world with. A test that needs more (a billing test driving
     * a transfer) tests the package above, and lives there.
     */
    private static final Set<String> TEST_WORLD = Set.of("account", "billing", "history", "profile");

    /** The test packages that drive the whole application (its jar, two nodes, faults, the benchmark) use it all. */
    private static final Set<String> WHOLE_APPLICATION_TESTS =
            Set.of("support", "operations", "cluster", "faults", "bench");

    /** The archfixture packages break the rules on purpose, to prove the rules report it; no other check sees them. */
    private static final ImportOption NO_FIXTURES = location -> !location.contains("/archfixture/");

    private static JavaClasses production;
    private static JavaClasses tests;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .withImportOption(NO_FIXTURES).importPackages(BASE);
    }

    @Test
    void everyPackageUsesOnlyWhatTheTableAllows() {
        usesOnlyWhatTheTableAllows(false).check(production);
    }

    @Test
    void testsUseWhatTheirPackageMayUseAndTheTestSupport() {
        usesOnlyWhatTheTableAllows(true).check(tests);
    }

    @Test
    void theTableHasNoCycle() {
        for (String start : MAY_USE.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>(List.of(List.of(start)));
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : MAY_USE.get(path.get(path.size() - 1))) {
                    assertThat(next).as("a cycle: %s -> %s", path, next).isNotEqualTo(start);
                    if (!path.contains(next)) {
                        paths.push(concat(path, next));
                    }
                }
            }
        }
    }

    /**
     * The steps and mails of a transfer run as the process decides (STYLE.md, one path per decision): a page or a
     * service calling them would expire, bill or mail without the process. Only the delegates call them, and the
     * tests of the transfer feature, which play the engine's part.
     */
    @Test
    void onlyTheDelegatesCallTheStepsAndMailsOfATransfer() {
        onlyTheDelegatesCallTheStepsAndMails(Set.of()).check(production);
        onlyTheDelegatesCallTheStepsAndMails(Set.of(BASE + ".transfer", BASE + ".transfer.process")).check(tests);
    }

    /** The rules fail when broken: a page expiring a transfer, the transfer feature using a page, a misplaced test. */
    @Test
    void theRulesReportWhatBreaksThem() {
        JavaClasses page = fixtures("transfer.web");
        assertThat(onlyTheDelegatesCallTheStepsAndMails(Set.of()).evaluate(page).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains(BASE + ".transfer.web.archfixture.PageExpiringATransfer")
                        .contains(TransferSteps.class.getName() + ".expire"));

        assertThat(usesOnlyWhatTheTableAllows(false).evaluate(fixtures("transfer")).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).startsWith("transfer may not use web: ")
                        .contains(BASE + ".transfer.archfixture.TransferUsingAPage"));

        assertThat(usesOnlyWhatTheTableAllows(true).evaluate(fixtures("billing")).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).startsWith("billing may not use transfer: ")
                        .contains(BASE + ".billing.archfixture.BillingTestDrivingATransfer"));
    }

    @Test
    void onlyTheProcessAdapterConfigurationAndSecurityImportCamunda() {
        // security: the staff sign-in checks Camunda's users, and /engine-rest's own authentication filter
        check(noClasses().that().resideOutsideOfPackages(BASE + ".transfer.process..", BASE + ".config..",
                        BASE + ".security..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda.."));
    }

    /**
     * Camunda's internals change without notice: one class reads them ({@code EngineReads}, pinned to a version by
     * its test), the process engine plugins extend Camunda's documented plugin point, which lives in impl, and the
     * job executor ({@code PacedJobExecutor}) replaces the starter's, as Camunda's Spring Boot starter allows.
     */
    @Test
    void onlyEngineReadsPluginsAndTheJobExecutorTouchTheEngineInternals() {
        check(noClasses().that(new DescribedPredicate<JavaClass>("are not EngineReads, a plugin or the job executor") {
                    @Override
                    public boolean test(JavaClass type) {
                        JavaClass outer = type;
                        while (outer.getEnclosingClass().isPresent()) {
                            outer = outer.getEnclosingClass().get();
                        }
                        return !outer.getName().equals(BASE + ".transfer.process.EngineReads")
                                && !outer.isAssignableTo(ProcessEnginePlugin.class)
                                && !outer.isAssignableTo(JobExecutor.class);
                    }
                })
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl.."));
    }

    @Test
    void billingKnowsNothingOfMail() {
        check(noClasses().that().resideInAPackage(BASE + ".billing..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail.."));
    }

    /**
     * Documents are printed from what billing issued, never the other way round: issuing an invoice (the
     * exactly-once billing step) cannot reach the PDF renderer, which only document and the pages that serve a
     * PDF use (the table says who may use document).
     */
    @Test
    void onlyDocumentsPrint() {
        check(noClasses().that().resideOutsideOfPackage(BASE + ".document..")
                .should().dependOnClassesThat().resideInAnyPackage("com.openhtmltopdf..", "org.mustangproject.."));
    }

    /** A bare orElseThrow() becomes "No value present" in a Cockpit incident; the message must name what is missing. */
    @Test
    void noMissingValueGoesUnnamed() {
        check(noClasses().should().callMethod(java.util.Optional.class, "orElseThrow")
                .because("staff must read which record is missing, not 'No value present'"));
    }

    /**
     * Hibernate keeps the SQL of a JPQL string but translates a derived query (findByX without {@code @Query}) again
     * on every call; on the hot paths that was 6% of all CPU (docs/performance.md). findById is served by
     * {@code EntityManager.find}, with no query to translate.
     */
    @Test
    void repositoryQueriesAreQueryStrings() {
        check(methods().that().areDeclaredInClassesThat().areAssignableTo(Repository.class)
                .and().haveNameMatching("(find|exists|count|delete|lock|remove)\\w*By\\w*")
                .and().doNotHaveName("findById")
                .and().doNotHaveModifier(JavaModifier.STATIC)
                .and(new DescribedPredicate<JavaMethod>("abstract") {
                    @Override
                    public boolean test(JavaMethod method) {
                        return method.getModifiers().contains(JavaModifier.ABSTRACT);
                    }
                })
                .should().beAnnotatedWith(Query.class));
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }

    /** Classes use only their own package, the shared ones and the table's (and, for tests, what tests may add). */
    private static ArchRule usesOnlyWhatTheTableAllows(boolean ofTests) {
        return classes().that().resideInAPackage(BASE + "..")
                .should(new ArchCondition<JavaClass>("use only what " + (ofTests ? "their package and the test support"
                        : "their package") + " may use, by ArchitectureTests.MAY_USE") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> from = packageOf(origin);
                        if (from.isEmpty()) {
                            return;
                        }
                        boolean known = MAY_USE.containsKey(from.get())
                                || ofTests && WHOLE_APPLICATION_TESTS.contains(from.get());
                        if (!known) {
                            events.add(SimpleConditionEvent.violated(origin, origin.getName() + " is in "
                                    + from.get() + ", which ArchitectureTests.MAY_USE does not list"));
                            return;
                        }
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            Optional<String> to = packageOf(dependency.getTargetClass());
                            if (to.isPresent() && !mayUse(from.get(), to.get(), ofTests)) {
                                events.add(SimpleConditionEvent.violated(dependency, from.get() + " may not use "
                                        + to.get() + ": " + dependency.getDescription()));
                            }
                        }
                    }
                });
    }

    private static boolean mayUse(String from, String to, boolean ofTests) {
        if (from.equals(to) || SHARED.contains(to)) {
            return true;
        }
        if (ofTests && (WHOLE_APPLICATION_TESTS.contains(from) || to.equals("support") || TEST_WORLD.contains(to))) {
            return true;
        }
        return MAY_USE.getOrDefault(from, Set.of()).contains(to);
    }

    /**
     * The table's package a class belongs to: the longest line that holds it; empty for the application class
     * itself (it only starts Spring) and for classes outside the application.
     */
    private static Optional<String> packageOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(BASE + ".")) {
            return Optional.empty();
        }
        String relative = name.substring(BASE.length() + 1);
        Set<String> known = new HashSet<>(MAY_USE.keySet());
        known.addAll(WHOLE_APPLICATION_TESTS);
        for (String candidate = relative; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (known.contains(candidate)) {
                return Optional.of(candidate);
            }
            if (!candidate.contains(".")) {
                return Optional.of(relative.contains(".") ? relative.substring(0, relative.indexOf('.')) : relative);
            }
        }
    }

    private static ArchRule onlyTheDelegatesCallTheStepsAndMails(Set<String> alsoAllowedPackages) {
        return noClasses().that(new DescribedPredicate<JavaClass>("are outside transfer.process"
                        + (alsoAllowedPackages.isEmpty() ? "" : " and " + alsoAllowedPackages)) {
                    @Override
                    public boolean test(JavaClass type) {
                        String name = type.getPackageName();
                        return name.startsWith(BASE + ".") && !name.equals(BASE + ".transfer.process")
                                && !alsoAllowedPackages.contains(name)
                                && !isOrIsIn(type, TransferSteps.class) && !isOrIsIn(type, TransferMails.class);
                    }
                })
                .should().dependOnClassesThat().belongToAnyOf(TransferSteps.class, TransferMails.class)
                .because("a transfer's steps and mails run when the process says so, never from a page or a service");
    }

    private static boolean isOrIsIn(JavaClass type, Class<?> outer) {
        return type.getName().equals(outer.getName()) || type.getName().startsWith(outer.getName() + "$");
    }

    /** The classes of {@code <pkg>.archfixture}, which break a rule on purpose. */
    private static JavaClasses fixtures(String pkg) {
        return new ClassFileImporter().importPackages(BASE + "." + pkg + ".archfixture");
    }

    private static Map<String, Set<String>> table(String... lines) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i += 2) {
            table.put(lines[i], lines[i + 1].isEmpty() ? Set.of() : Set.of(lines[i + 1].split(" ")));
        }
        return table;
    }

    private static List<String> concat(List<String> path, String next) {
        List<String> longer = new ArrayList<>(path);
        longer.add(next);
        return longer;
    }
}
