package dev.kiln.agent.engine;

import dev.kiln.agent.source.GitCredentials;
import dev.kiln.agent.source.Source;
import dev.kiln.model.buildspec.Buildspec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a build sees. Precedence, lowest first: the buildspec's {@code env.variables} and its resolved
 * {@code parameter-store} and {@code secrets-manager} variables, the project's
 * variables, start-time overrides; CodeBuild's own {@code CODEBUILD_*} variables are set last and cannot be
 * overridden.
 */
final class BuildVariables {
    private BuildVariables() {}

    /** The variables the environment starts with: all but the buildspec's own. */
    static Map<String, String> of(BuildRequest request, BuildIdentity id, String sourceDirectory, Instant start) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_DEFAULT_REGION", request.region());
        env.put("AWS_REGION", request.region());
        env.put("HOME", "/root");
        env.putAll(request.projectEnvironment());
        env.putAll(request.overrideEnvironment());
        env.put("CODEBUILD_BUILD_ID", id.id());
        env.put("CODEBUILD_BUILD_ARN", id.arn());
        env.put("CODEBUILD_BUILD_NUMBER", Long.toString(id.buildNumber()));
        env.put("CODEBUILD_BUILD_IMAGE", request.image());
        env.put("CODEBUILD_BUILD_SUCCEEDING", "1");
        env.put("CODEBUILD_INITIATOR", request.initiator());
        env.put(
                "CODEBUILD_KMS_KEY_ID",
                "arn:aws:kms:" + request.region() + ":" + request.accountId() + ":alias/aws/s3");
        env.put("CODEBUILD_LOG_PATH", id.uuid());
        env.put("CODEBUILD_PROJECT_ARN", id.projectArn());
        env.put("CODEBUILD_SRC_DIR", sourceDirectory);
        env.put("CODEBUILD_START_TIME", Long.toString(start.toEpochMilli()));
        env.put("CODEBUILD_CI", "true");
        env.put("CODEBUILD_CONTAINER_NAME", "default");
        request.source().version().ifPresent(v -> env.put("CODEBUILD_SOURCE_VERSION", v));
        if (request.source() instanceof Source.Git || request.source() instanceof Source.Zip) {
            env.put(
                    "CODEBUILD_SOURCE_REPO_URL",
                    GitCredentials.redact(request.source().location()));
        }
        return env;
    }

    /**
     * The buildspec's variables and resolved secrets that no project variable or override replaces, applied to the
     * build's shell once the buildspec has been read (DOWNLOAD_SOURCE).
     */
    static Map<String, String> fromBuildspec(BuildRequest request, Buildspec buildspec, Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>(buildspec.env().variables());
        env.putAll(secrets);
        env.keySet()
                .removeIf(name -> request.projectEnvironment().containsKey(name)
                        || request.overrideEnvironment().containsKey(name)
                        || name.startsWith("CODEBUILD_"));
        return env;
    }

    /** A shell script that exports each variable, its value quoted so that nothing in it is expanded. */
    static String exportScript(Map<String, String> variables) {
        StringBuilder script = new StringBuilder();
        for (Map.Entry<String, String> e : variables.entrySet()) {
            script.append("export ")
                    .append(e.getKey())
                    .append("='")
                    .append(e.getValue().replace("'", "'\\''"))
                    .append("'\n");
        }
        return script.append("true\n").toString();
    }
}
