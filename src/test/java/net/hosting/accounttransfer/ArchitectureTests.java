package net.hosting.accounttransfer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Keeps the arrows of STYLE.md pointing one way: features below, the process adapter at the edge. */
class ArchitectureTests {

    private static final String BASE = "net.hosting.accounttransfer";
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
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
     * its test), and the process engine plugins extend Camunda's documented plugin point, which lives in impl.
     */
    @Test
    void onlyEngineReadsAndEnginePluginsTouchTheEngineInternals() {
        check(noClasses().that(new DescribedPredicate<JavaClass>("are not EngineReads nor a process engine plugin") {
                    @Override
                    public boolean test(JavaClass type) {
                        JavaClass outer = type;
                        while (outer.getEnclosingClass().isPresent()) {
                            outer = outer.getEnclosingClass().get();
                        }
                        return !outer.getName().equals(BASE + ".transfer.process.EngineReads")
                                && !outer.isAssignableTo(ProcessEnginePlugin.class);
                    }
                })
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl.."));
    }

    @Test
    void nothingButConfigurationReachesIntoTheProcessAdapter() {
        check(noClasses().that().resideOutsideOfPackages(BASE + ".transfer.process..", BASE + ".config..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".transfer.process.."));
    }

    @Test
    void billingAndNotificationNeverDependOnTransfers() {
        check(noClasses().that().resideInAnyPackage(BASE + ".billing..", BASE + ".notification..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".transfer.."));
    }

    @Test
    void billingKnowsNothingOfMailOrAccounts() {
        check(noClasses().that().resideInAPackage(BASE + ".billing..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".notification..", BASE + ".account..",
                        "jakarta.mail..", "org.springframework.mail.."));
    }

    @Test
    void accountsAndBillingNeverNeedEachOther() {
        check(noClasses().that().resideInAPackage(BASE + ".account..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".billing.."));
    }

    @Test
    void theLowerFeaturesNeverUseTheOnesAboveThem() {
        check(noClasses().that().resideInAnyPackage(BASE + ".account..", BASE + ".billing..", BASE + ".profile..",
                        BASE + ".history..", BASE + ".notification..", BASE + ".common..", BASE + ".document..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".transfer..", BASE + ".web..",
                        BASE + ".embedded.."));
    }

    /**
     * Documents are printed from what billing issued, never the other way round: issuing an invoice (the
     * exactly-once billing step) cannot reach the PDF renderer.
     */
    @Test
    void documentsSitAboveBillingAndNothingBelowThemPrints() {
        check(noClasses().that().resideInAnyPackage(BASE + ".account..", BASE + ".billing..", BASE + ".profile..",
                        BASE + ".history..", BASE + ".notification..", BASE + ".common..", BASE + ".transfer..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".document..")
                .orShould().dependOnClassesThat().resideInAnyPackage("com.openhtmltopdf..", "org.mustangproject.."));
    }

    /** Settings live with their feature (STYLE.md); config is wiring above the features, never below them. */
    @Test
    void noFeatureDependsOnTheWiring() {
        check(noClasses().that().resideOutsideOfPackage(BASE + ".config..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".config..")
                .because("each feature binds its own settings; config only wires the features together"));
    }

    /** config is wiring again: who may do what lives in security, which config never reaches into. */
    @Test
    void configurationKnowsNoFeatureButItsValues() {
        check(noClasses().that().resideInAPackage(BASE + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".profile..", BASE + ".security..",
                        BASE + ".transfer..", BASE + ".web..", BASE + ".history..", BASE + ".notification..")
                .because("config only wires; the filter chains, token and password checks live in security"));
    }

    @Test
    void featurePackagesHaveNoCycles() {
        check(slices().matching(BASE + ".(*)..").should().beFreeOfCycles());
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
        rule.check(classes);
    }
}
