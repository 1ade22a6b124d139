package dev.kiln.deploy.host;

import java.util.Map;

/**
 * What every hook script of a deployment is told: the variables the CodeDeploy agent gives hook scripts.
 *
 * @param variables {@code DEPLOYMENT_ID}, {@code APPLICATION_NAME}, {@code DEPLOYMENT_GROUP_NAME},
 *     {@code DEPLOYMENT_GROUP_ID}, {@code BUNDLE_COMMIT} (without {@code LIFECYCLE_EVENT}, set per event)
 */
record HookContext(Map<String, String> variables) {
    HookContext {
        variables = Map.copyOf(variables);
    }
}
