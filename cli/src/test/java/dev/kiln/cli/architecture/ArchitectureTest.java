package dev.kiln.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import dev.kiln.agent.AgentException;
import dev.kiln.cli.KilnMain;
import dev.kiln.client.ClientException;
import dev.kiln.deploy.DeployException;
import dev.kiln.kit.KitException;
import dev.kiln.model.ModelException;
import dev.kiln.orchestrator.OrchestratorException;
import dev.kiln.ui.UiException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between Kiln's modules, checked on the compiled main classes of every module: each program (build agent,
 * deploy agent, orchestrator, UI) uses the model, the API client and the kit, never another program; only the
 * launcher assembles them; the UI reaches the orchestrator through the API client only; the client loads no server
 * classes; the model and the run engine do no I/O.
 */
class ArchitectureTest {
    private static final String MODEL = "dev.kiln.model..";
    private static final String CLIENT = "dev.kiln.client..";
    private static final String KIT = "dev.kiln.kit..";
    private static final String BUILD_AGENT = "dev.kiln.agent..";
    private static final String DEPLOY_AGENT = "dev.kiln.deploy..";
    private static final String ORCHESTRATOR = "dev.kiln.orchestrator..";
    private static final String UI = "dev.kiln.ui..";
    private static final String LAUNCHER = "dev.kiln.cli..";

    private static JavaClasses kiln;

    @BeforeAll
    static void importMainClasses() {
        List<Location> modules = Stream.of(
                        ModelException.class,
                        ClientException.class,
                        KitException.class,
                        AgentException.class,
                        DeployException.class,
                        OrchestratorException.class,
                        UiException.class,
                        KilnMain.class)
                .map(ArchitectureTest::moduleOf)
                .toList();
        kiln = new ClassFileImporter().importLocations(modules);
        assertThat(kiln.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .as("every module's main classes were found")
                .containsExactlyInAnyOrder("model", "client", "kit", "agent", "deploy", "orchestrator", "ui", "cli");
    }

    /** The jar or class folder a module's main classes are in (one class of each names its module). */
    private static Location moduleOf(Class<?> member) {
        try {
            return Location.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void programs_use_the_model_and_the_kit_never_each_other() {
        ArchRule rule = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("model")
                .definedBy(MODEL)
                .layer("api client")
                .definedBy(CLIENT)
                .layer("kit")
                .definedBy(KIT)
                .layer("build agent")
                .definedBy(BUILD_AGENT)
                .layer("deploy agent")
                .definedBy(DEPLOY_AGENT)
                .layer("orchestrator")
                .definedBy(ORCHESTRATOR)
                .layer("ui")
                .definedBy(UI)
                .layer("launcher")
                .definedBy(LAUNCHER)
                .whereLayer("launcher")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("build agent")
                .mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("deploy agent")
                .mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("orchestrator")
                .mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("ui")
                .mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("kit")
                .mayOnlyBeAccessedByLayers("build agent", "deploy agent", "orchestrator", "launcher")
                .whereLayer("api client")
                .mayOnlyBeAccessedByLayers("kit", "build agent", "deploy agent", "ui", "launcher");
        rule.check(kiln);
    }

    @Test
    void the_model_does_no_io() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage(MODEL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..",
                        "java.nio.file..",
                        "java.nio.channels..",
                        "java.net..",
                        "java.sql..",
                        "io.vertx..",
                        "org.hibernate..",
                        "com.github.dockerjava..",
                        "io.minio..",
                        "net.schmizz..",
                        "org.eclipse.jgit..")
                .because("the model holds plans, parsers and wire records that executors and tests use as values")
                .check(kiln);
    }

    @Test
    void the_run_engine_is_pure() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("dev.kiln.orchestrator.run..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..",
                        "java.nio..",
                        "java.net..",
                        "java.sql..",
                        "java.util.concurrent..",
                        "io.vertx..",
                        "org.hibernate..",
                        "jakarta.persistence..",
                        "dev.kiln.kit..",
                        "dev.kiln.orchestrator.state..",
                        "dev.kiln.orchestrator.core..",
                        "dev.kiln.orchestrator.api..",
                        "dev.kiln.orchestrator.server..",
                        "dev.kiln.orchestrator.source..")
                .because("a run's rules are decided from its snapshot alone, so they can be tested without I/O")
                .check(kiln);
    }

    @Test
    void the_ui_uses_the_model_and_the_api_client_alone() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage(UI)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(KIT, BUILD_AGENT, DEPLOY_AGENT, ORCHESTRATOR, LAUNCHER)
                .because("the UI shows what the API answers, through the one client")
                .check(kiln);
    }

    @Test
    void the_api_client_loads_no_server_and_no_agent_classes() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage(CLIENT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        KIT,
                        BUILD_AGENT,
                        DEPLOY_AGENT,
                        ORCHESTRATOR,
                        UI,
                        LAUNCHER,
                        "io.vertx..",
                        "org.hibernate..",
                        "com.github.dockerjava..",
                        "io.minio..")
                .because("the command line and the UI start fast and small on it")
                .check(kiln);
    }

    @Test
    void the_ui_talks_to_the_orchestrator_only_through_its_api() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage(UI)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..", "org.hibernate..", "com.github.dockerjava..", "io.minio..", "org.postgresql..")
                .check(kiln);
    }
}
