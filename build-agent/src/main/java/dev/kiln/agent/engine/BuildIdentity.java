package dev.kiln.agent.engine;

import java.util.UUID;

/**
 * A build's names in CodeBuild's formats.
 *
 * @param projectName the project
 * @param uuid the random part
 * @param buildNumber the per-project counter
 * @param region the region in ARNs
 * @param accountId the account in ARNs
 */
public record BuildIdentity(String projectName, String uuid, long buildNumber, String region, String accountId) {

    /** A new identity with a random UUID. */
    public static BuildIdentity create(String projectName, long buildNumber, String region, String accountId) {
        return new BuildIdentity(projectName, UUID.randomUUID().toString(), buildNumber, region, accountId);
    }

    /** {@code <project>:<uuid>}. */
    public String id() {
        return projectName + ":" + uuid;
    }

    /** {@code arn:aws:codebuild:<region>:<account>:build/<project>:<uuid>}. */
    public String arn() {
        return "arn:aws:codebuild:" + region + ":" + accountId + ":build/" + id();
    }

    /** {@code arn:aws:codebuild:<region>:<account>:project/<project>}. */
    public String projectArn() {
        return "arn:aws:codebuild:" + region + ":" + accountId + ":project/" + projectName;
    }
}
