package com.vpcflow.monitoring;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages point one way (README "Layout", shared DESIGN.md): a package depends only on packages of lower
 * layers, never on a sibling's or a higher one, so there are no cycles and the plain-Java layers know nothing of
 * Flink's operators or of the job's configuration. Checked on the compiled main classes.
 */
class ArchitectureTest {
    private static final String ROOT = "com.vpcflow.monitoring";

    /** Package (below the root) -> layer; 0 is the entry point, higher is lower down. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("", 0),
            Map.entry("config", 1),
            Map.entry("source", 2),
            Map.entry("pipeline", 2),
            Map.entry("datadog", 2),
            Map.entry("secrets", 3),
            Map.entry("stats", 3),
            Map.entry("flowlog", 4),
            Map.entry("payload", 4),
            Map.entry("observability", 5),
            Map.entry("metrics", 6));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private static String packageOf(JavaClass c) {
        String p = c.getPackageName();
        return p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1).split("\\.")[0];
    }

    @Test
    void everyPackageHasALayer() {
        TreeSet<String> packages = new TreeSet<>();
        CLASSES.forEach(c -> packages.add(packageOf(c)));
        assertThat(LAYERS.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void packagesDependOnlyOnLowerLayers() {
        List<String> violations = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith(ROOT)) continue;
                String from = packageOf(c), to = packageOf(target);
                if (!from.equals(to) && LAYERS.get(from) >= LAYERS.get(to)) {
                    violations.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        }
        assertThat(violations).as("dependencies on the same or a higher layer").isEmpty();
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theLowerLayersArePlainJava() {
        // records, payloads and the output model know nothing of Flink at all
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".flowlog..", ROOT + ".payload..", ROOT + ".metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(CLASSES);
        // aggregation and secrets may use Flink's type serializers, never its DataStream API or operators
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".stats..", ROOT + ".secrets..", ROOT + ".observability..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink.streaming..",
                        "org.apache.flink.api.common.functions..",
                        "org.apache.flink.api.common.state..")
                .check(CLASSES);
        // observability is Flink's metrics API and logging only
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".observability..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("org.apache.flink..").and(not(resideInAPackage("org.apache.flink.metrics.."))))
                .check(CLASSES);
    }

    @Test
    void onlyConfigAndTheEntryPointKnowTheSettings() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".config..")
                .and()
                .resideOutsideOfPackage(ROOT)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".config..")
                .check(CLASSES);
    }
}
